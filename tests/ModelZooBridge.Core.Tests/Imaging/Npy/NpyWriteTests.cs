using System.Security.Cryptography;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Tests.Oracles;


namespace ModelZooBridge.Tests.Imaging.Npy;

/// <summary>Files we write are read back by numpy (the oracle) with the same dtype, shape and bytes.</summary>
[Trait("Area", "Npy")]
public sealed class NpyWriteTests : IDisposable
{
    private const string NumpyCheck = """
        import hashlib, os, sys
        import numpy as np
        folder = sys.argv[1]
        for name in sorted(os.listdir(folder)):
            if not name.endswith('.npy'):
                continue
            path = os.path.join(folder, name)
            with open(path, 'rb') as f:
                version = np.lib.format.read_magic(f)
                np.lib.format._read_array_header(f, version)
                offset = f.tell()
            a = np.load(path)
            le = a.dtype.newbyteorder('<') if a.dtype.itemsize > 1 else a.dtype
            digest = hashlib.sha256(np.ascontiguousarray(a, dtype=le).tobytes()).hexdigest()
            print(name, a.dtype.name, ','.join(map(str, a.shape)), f'{version[0]}.{version[1]}', offset, digest)
        """;

    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Numpy_reads_what_we_write_with_identical_values()
    {
        var random = new Random(7);
        var expected = new Dictionary<string, (string DType, string Shape, string Sha)>();
        int[][] shapes = [[], [13], [5, 7], [2, 3, 4], [2, 1, 3, 2, 4], [0, 3]];
        foreach (var dtype in Enum.GetValues<DType>())
        {
            foreach (var shape in shapes)
            {
                var array = RandomArray(dtype, shape, random);
                var name = $"{dtype.Name()}_r{shape.Length}{(shape.Contains(0) ? "_empty" : "")}";
                NpyFile.Write(Path.Combine(_folder, name + ".npy"), array);
                expected[name + ".npy"] = (dtype.Name(), string.Join(",", shape), Sha(array.Bytes));

                var info = new ImageInfo(dtype, array.Shape, array.Axes);
                using (var writer = NpyWriter.Create(Path.Combine(_folder, name + "_planes.npy"), info))
                {
                    for (long p = 0; p < info.PlaneCount; p++)
                        writer.WritePlane(array.Bytes.Slice((int)(p * info.PlaneBytes), (int)info.PlaneBytes));
                    writer.Commit();
                }
                expected[name + "_planes.npy"] = expected[name + ".npy"];
            }
        }

        var lines = ExternalTool.RunPython(NumpyCheck, _folder).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split(' ');
            var (dtype, shape, sha) = expected[f[0]];
            Assert.Equal((dtype, shape, "1.0", sha), (f[1], f[2], f[3], f[5]));
            Assert.Equal(0, int.Parse(f[4]) % 64);
        }
    }

    [Fact]
    public void Written_files_read_back_identically()
    {
        var array = RandomArray(DType.Int16, [3, 4, 5], new Random(3));
        var path = Path.Combine(_folder, "a.npy");
        NpyFile.Write(path, array.WithAxes(AxisId.ParseAll("zyx")));
        using var back = NpyFile.Read(path);
        Assert.Equal(array.Bytes.ToArray(), back.Bytes.ToArray());
        var stream = new MemoryStream();
        NpyFile.Write(stream, array);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void Writer_is_atomic_and_checks_the_plane_count()
    {
        var path = Path.Combine(_folder, "partial.npy");
        var info = new ImageInfo(DType.UInt8, [2, 3, 4], [.. AxisId.ParseAll("zyx")]);
        using (var writer = NpyWriter.Create(path, info))
        {
            writer.WritePlane(new byte[12]);
            Assert.Throws<ArgumentException>(() => writer.WritePlane(new byte[11]));
            Assert.Throws<InvalidOperationException>(writer.Commit);
        }
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder));

        using (var writer = NpyWriter.Create(path, info))
        {
            writer.WritePlane(new byte[12]);
            writer.WritePlane(new byte[12]);
            Assert.Throws<InvalidOperationException>(() => writer.WritePlane(new byte[12]));
            writer.Commit();
        }
        Assert.Equal(info.Shape.ToArray(), NpyFile.Read(path).Shape.ToArray());
    }

    [Fact]
    public void Header_is_version_1_padded_to_64_bytes_with_a_newline()
    {
        var header = NpyHeader.Format(DType.Float32, [3, 4]);
        Assert.Equal(0, header.Length % 64);
        Assert.Equal((byte)'\n', header[^1]);
        Assert.Equal(1, header[6]);
        var text = System.Text.Encoding.ASCII.GetString(header, 10, header.Length - 10);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", text);
        Assert.Contains("'shape': (7,)", System.Text.Encoding.ASCII.GetString(NpyHeader.Format(DType.Bool, [7])));
        Assert.Contains("'shape': ()", System.Text.Encoding.ASCII.GetString(NpyHeader.Format(DType.Bool, [])));
    }

    internal static NdArray RandomArray(DType dtype, int[] shape, Random random)
    {
        var array = NdArray.Create(dtype, shape);
        random.NextBytes(array.Bytes);
        if (dtype == DType.Bool)
        {
            var bytes = array.Bytes;
            for (int i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        }
        return array;
    }

    private static string Sha(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
