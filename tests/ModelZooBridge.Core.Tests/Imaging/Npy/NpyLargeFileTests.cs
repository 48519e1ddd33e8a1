using System.Diagnostics;
using System.Runtime.InteropServices;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.IO;
using ModelZooBridge.Tests.Oracles;


namespace ModelZooBridge.Tests.Imaging.Npy;

/// <summary>Memory mapping and bounded reads: a 300 MB (sparse) file is viewed, not loaded; short streams cause no large allocation.</summary>
[Trait("Area", "Npy")]
[Collection(nameof(NpyLargeFileTests))]
public sealed class NpyLargeFileTests : IDisposable
{
    private const int Planes = 75, Height = 1000, Width = 1000;
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Large_file_is_viewed_through_a_mapping_without_loading_it()
    {
        var path = Path.Combine(_folder, "large.npy");
        var header = NpyHeader.Format(DType.Float32, [Planes, Height, Width]);
        long dataBytes = (long)Planes * Height * Width * sizeof(float);
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.Write(header);
            stream.SetLength(header.Length + dataBytes);
            WriteFloat(stream, header.Length, 40, 500, 7, 42.5f);
            WriteFloat(stream, header.Length, Planes - 1, Height - 1, Width - 1, -3f);
        }

        long before = WorkingSet();
        using (var array = NpyFile.Read(path))
        {
            var floats = array.As<float>();
            Assert.True(IsMapped<float>(array), "expected a memory-mapped view");
            Assert.Equal([Planes, Height, Width], array.Shape.ToArray());
            Assert.Equal(42.5f, floats[40, 500, 7]);
            Assert.Equal(-3f, floats[Planes - 1, Height - 1, Width - 1]);
            Assert.Equal(0f, floats[10, 10, 10]);
            Assert.True(WorkingSet() - before < 100L << 20, $"working set grew by {(WorkingSet() - before) >> 20} MiB for a {dataBytes >> 20} MiB file");

            // Copy-on-write: changing the view does not change the file.
            floats[40, 500, 7] = 1f;
            Assert.Equal(1f, floats[40, 500, 7]);
        }
        using (var reader = NpyReader.Open(path))
        {
            var plane = new float[Height * Width];
            reader.ReadPlane(40, MemoryMarshal.AsBytes(plane.AsSpan()));
            Assert.Equal(42.5f, plane[500 * Width + 7]);
            Assert.Equal(1, plane.Count(v => v != 0));
        }
        Assert.True(WorkingSet() - before < 100L << 20);
    }

    [Fact]
    public void Small_files_are_copied_and_large_mappable_ones_only_when_c_ordered_little_endian()
    {
        var path = Path.Combine(_folder, "small.npy");
        NpyFile.Write(path, NpyWriteTests.RandomArray(DType.UInt16, [4, 5], new Random(1)));
        using (var copy = NpyFile.Read(path))
            Assert.False(IsMapped<ushort>(copy));
        using (var mapped = NpyFile.Read(path, null, mappingThreshold: 1))
        {
            Assert.True(IsMapped<ushort>(mapped));
            Assert.Equal(NpyFile.Read(path).Bytes.ToArray(), mapped.Bytes.ToArray());
        }
        var fortran = GeneratedFixtures.Npy.PathOf("fortran_float32_rank2", ".npy");
        using var gathered = NpyFile.Read(fortran, null, mappingThreshold: 1);
        Assert.False(IsMapped<float>(gathered));
    }

    [Fact]
    public void Streams_promising_more_than_they_hold_fail_without_large_allocations()
    {
        // 100 MB promised by a 128-byte stream that cannot seek: refused after reading what is there.
        var header = NpyHeader.Format(DType.Float32, [5000, 5000]);
        var data = header.Concat(new byte[64]).ToArray();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(new ForwardOnlyStream(data, 4096), "entry.npy"));
        Assert.Contains("truncated", e.Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 16L << 20);

        e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(new MemoryStream(data), "entry.npy"));
        Assert.Contains("truncated", e.Problem);

        var huge = NpyHeader.Format(DType.Float64, [100000, 100000]);
        e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(new MemoryStream(huge), "huge.npy"));
        Assert.Contains("too large", e.Problem);

        // A version 2.0 header claiming 4 GB of header text.
        byte[] bigHeader = [0x93, .. "NUMPY"u8, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF];
        e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(new MemoryStream(bigHeader), "h.npy"));
        Assert.Contains("exceeds the limit", e.Problem);
    }

    [Fact]
    public void Huge_arrays_can_be_streamed_by_plane_but_not_read_whole()
    {
        // 3 GB of (sparse) uint8: too large for one array, fine plane by plane.
        var path = Path.Combine(_folder, "huge.npy");
        var header = NpyHeader.Format(DType.UInt8, [3, 1024, 1024 * 1024]);
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.Write(header);
            stream.SetLength(header.Length + 3L * 1024 * 1024 * 1024);
        }
        var e = Assert.Throws<ImageFormatException>(() => NpyFile.Read(path));
        Assert.Contains("too large", e.Problem);
        using var reader = NpyReader.Open(path);
        Assert.Equal(3, reader.Info.PlaneCount);
        Assert.Equal(1L << 30, reader.Info.PlaneBytes);
    }

    private static void WriteFloat(FileStream stream, long dataOffset, int plane, int y, int x, float value)
    {
        stream.Position = dataOffset + (((long)plane * Height + y) * Width + x) * sizeof(float);
        stream.Write(BitConverter.GetBytes(value));
    }

    private static bool IsMapped<T>(NdArray array) where T : unmanaged =>
        MemoryMarshal.TryGetMemoryManager<T, MappedMemory<T>>(array.As<T>().Memory, out _);

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}

/// <summary>Runs the working-set measurements alone, after the parallel tests, so other tests' allocations do not disturb them.</summary>
[CollectionDefinition(nameof(NpyLargeFileTests), DisableParallelization = true)]
public sealed class NpyLargeFileCollection;
