using System.Buffers.Binary;
using System.Diagnostics;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>
/// Mutates fixtures (fixed seed): byte flips anywhere and in the header/IFD regions, truncations, and random
/// values written into IFD entry fields. Each mutant is opened and fully read; only
/// <see cref="ImageFormatException"/> may escape, and every case must finish quickly.
/// </summary>
[Trait("Area", "Tiff")]
public sealed class TiffReaderFuzzTests : IDisposable
{
    private const int Cases = 600;
    private const long MaxPlaneBytes = 16 << 20;
    private readonly string _folder = Oracles.ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Mutated_files_raise_only_image_format_exceptions()
    {
        var random = new Random(20240611);
        var seeds = TiffTestFiles.FuzzSeeds.Select(n => (Name: n, Bytes: File.ReadAllBytes(TiffTestFiles.PathOf(n)))).ToArray();
        var failures = new List<string>();
        int rejected = 0, read = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < Cases; i++)
        {
            var (name, original) = seeds[i % seeds.Length];
            var (bytes, how) = Mutate(original, random);
            var path = Path.Combine(_folder, $"case{i}.tif");
            File.WriteAllBytes(path, bytes);
            var run = Task.Run(() => OpenAndReadAll(path));
            if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5))) != run)
            {
                failures.Add($"case {i} ({name}, {how}): did not finish within 5 s");
                break;
            }
            switch (await run)
            {
                case null: read++; break;
                case ImageFormatException: rejected++; break;
                case var other: failures.Add($"case {i} ({name}, {how}): {other.GetType().Name}: {other.Message}\n{other.StackTrace}"); break;
            }
            File.Delete(path);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {total.Elapsed}");
        Assert.True(rejected > Cases / 10 && read > Cases / 10, $"{read} mutants read, {rejected} rejected: mutations too weak or too strong");
    }

    private static Exception? OpenAndReadAll(string path)
    {
        try
        {
            using var reader = TiffReader.Open(path);
            if (reader.Info.PlaneBytes > MaxPlaneBytes) return null;
            var plane = new byte[reader.Info.PlaneBytes];
            for (long p = 0; p < Math.Min(reader.Info.PlaneCount, 64); p++) reader.ReadPlane(p, plane);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                {
                    int n = random.Next(1, 9);
                    for (int k = 0; k < n; k++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    return (bytes, $"{n} bit flips anywhere");
                }
            case 1:
                {
                    int n = random.Next(1, 5);
                    foreach (int at in StructurePositions(bytes, random, n)) bytes[at] = (byte)random.Next(256);
                    return (bytes, $"{n} random bytes in the header or IFDs");
                }
            case 2:
                {
                    int length = random.Next(bytes.Length);
                    return (bytes[..length], $"truncated to {length} bytes");
                }
            default:
                {
                    var entries = EntryPositions(bytes).ToList();
                    if (entries.Count == 0) return (bytes, "no entries found");
                    var (at, entrySize) = entries[random.Next(entries.Count)];
                    int field = random.Next(3);
                    ulong value = random.Next(4) switch
                    {
                        0 => 0,
                        1 => (ulong)random.Next(1, 70),
                        2 => uint.MaxValue - (ulong)random.Next(3),
                        _ => (ulong)random.NextInt64(),
                    };
                    var span = bytes.AsSpan(at, entrySize);
                    bool big = bytes[0] == 'M';
                    switch (field)
                    {
                        case 0: Write(span[2..4], value % 20, big); break;   // field type
                        case 1: Write(span[4..(entrySize == 20 ? 12 : 8)], value, big); break; // count
                        default: Write(span[(entrySize == 20 ? 12 : 8)..], value, big); break; // value or offset
                    }
                    return (bytes, $"entry at {at}: field {field} = {value}");
                }
        }
    }

    private static void Write(Span<byte> target, ulong value, bool bigEndian)
    {
        Span<byte> all = stackalloc byte[8];
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(all, value);
        else BinaryPrimitives.WriteUInt64LittleEndian(all, value);
        (bigEndian ? all[(8 - target.Length)..] : all[..target.Length]).CopyTo(target);
    }

    private static IEnumerable<int> StructurePositions(byte[] bytes, Random random, int n)
    {
        var entries = EntryPositions(bytes).ToList();
        for (int k = 0; k < n; k++)
        {
            if (entries.Count == 0 || random.Next(4) == 0) yield return random.Next(Math.Min(16, bytes.Length));
            else
            {
                var (at, size) = entries[random.Next(entries.Count)];
                yield return at + random.Next(size);
            }
        }
    }

    /// <summary>Entry positions of the first IFD, found with an independent minimal parse.</summary>
    private static IEnumerable<(int At, int Size)> EntryPositions(byte[] bytes)
    {
        if (bytes.Length < 16) yield break;
        bool big = bytes[0] == 'M';
        ushort U16(int at) => big ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
        bool bigTiff = U16(2) == 43;
        long ifd = bigTiff
            ? (long)(big ? BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)))
            : (big ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        if (ifd <= 0 || ifd + 8 > bytes.Length) yield break;
        int count = bigTiff ? Math.Min((int)U16((int)ifd), 1000) : U16((int)ifd);
        int size = bigTiff ? 20 : 12, first = (int)ifd + (bigTiff ? 8 : 2);
        for (int i = 0; i < count && first + (i + 1) * size <= bytes.Length; i++) yield return (first + i * size, size);
    }
}
