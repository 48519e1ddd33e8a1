using System.Security.Cryptography;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Png;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Imaging.Png;

/// <summary>PNGs we write are decoded by PIL and by the zlib-only decoder of the fixture script, with identical samples.</summary>
[Trait("Area", "Png")]
public sealed class PngWriteTests : IDisposable
{
    private const string Check = """
        import hashlib, os, sys
        import numpy as np
        from PIL import Image
        sys.path.insert(0, sys.argv[2])
        from make_fixtures import read_raw
        folder = sys.argv[1]
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            hwc = read_raw(path)
            im = Image.open(path)
            if im.mode in ('L', 'I', 'RGB', 'RGBA') and not (hwc.dtype.itemsize == 2 and hwc.shape[2] > 1):
                pil = np.asarray(im).reshape(hwc.shape)
                assert np.array_equal(pil.astype(np.int64), hwc.astype(np.int64)), name
            chw = np.ascontiguousarray(np.transpose(hwc, (2, 0, 1)).astype(hwc.dtype.newbyteorder('<')))
            print(name, im.mode, ','.join(map(str, chw.shape)), hashlib.sha256(chw.tobytes()).hexdigest())
        """;

    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Pil_and_a_zlib_decoder_read_what_we_write()
    {
        var random = new Random(11);
        var expected = new Dictionary<string, (string Mode, string Shape, string Sha)>();
        foreach (var (dtype, channels) in new[] { (DType.UInt8, 1), (DType.UInt16, 1), (DType.UInt8, 3), (DType.UInt16, 3), (DType.UInt8, 4), (DType.UInt16, 4) })
        {
            foreach (var (height, width) in new[] { (1, 1), (23, 37), (64, 5) })
            {
                var array = Image(dtype, channels, height, width, random);
                var name = $"{dtype.Name()}_c{channels}_{height}x{width}.png";
                PngWriter.Write(Path.Combine(_folder, name), array);
                string mode = (dtype, channels) switch
                {
                    (DType.UInt8, 1) => "L",
                    (DType.UInt16, 1) => "I", // PIL 9.4 opens 16-bit gray as 32-bit mode I
                    (_, 3) => "RGB",
                    _ => "RGBA",
                };
                expected[name] = (mode, $"{channels},{height},{width}", Convert.ToHexStringLower(SHA256.HashData(array.Bytes)));

                using var back = PngReader.Open(Path.Combine(_folder, name));
                Assert.Equal(array.Shape.ToArray(), back.Info.Shape.ToArray());
                Assert.Equal(array.Bytes.ToArray(), back.ReadAll().Bytes.ToArray());
            }
        }
        var script = Path.GetDirectoryName(GeneratedFixtures.Png.Script)!;
        var lines = ExternalTool.RunPython(Check, _folder, script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split(' ');
            Assert.Equal(expected[f[0]], (f[1], f[2], f[3]));
        }
    }

    [Fact]
    public void Writer_streams_planes_and_is_atomic()
    {
        var path = Path.Combine(_folder, "rgb.png");
        var info = new ImageInfo(DType.UInt8, [3, 4, 5], [.. AxisId.ParseAll("cyx")]);
        using (var writer = PngWriter.Create(path, info))
        {
            writer.WritePlane(new byte[20]);
            Assert.Throws<ArgumentException>(() => writer.WritePlane(new byte[19]));
            Assert.Throws<InvalidOperationException>(writer.Commit);
        }
        Assert.False(File.Exists(path));
        using (var writer = PngWriter.Create(path, info))
        {
            for (byte c = 0; c < 3; c++) writer.WritePlane(Enumerable.Repeat(c, 20).ToArray());
            writer.Commit();
        }
        Assert.Single(Directory.GetFiles(_folder));
        using var reader = PngReader.Open(path);
        var plane = new byte[20];
        reader.ReadPlane(2, plane);
        Assert.All(plane, b => Assert.Equal(2, b));
    }

    [Theory]
    [InlineData(DType.Float32, "yx", new[] { 4, 4 }, "uint8 or uint16")]
    [InlineData(DType.Int16, "yx", new[] { 4, 4 }, "uint8 or uint16")]
    [InlineData(DType.UInt8, "cyx", new[] { 2, 4, 4 }, "not 2")]
    [InlineData(DType.UInt8, "zyx", new[] { 2, 4, 4 }, "not 'zyx'")]
    [InlineData(DType.UInt8, "yxc", new[] { 4, 4, 3 }, "not 'yxc'")]
    [InlineData(DType.UInt16, "yx", new[] { 0, 4 }, "at least 1 × 1")]
    public void Unsupported_images_are_rejected_with_a_clear_message(DType dtype, string axes, int[] shape, string message)
    {
        var info = new ImageInfo(dtype, [.. shape], [.. AxisId.ParseAll(axes)]);
        var e = Assert.Throws<ArgumentException>(() => PngWriter.Create(Path.Combine(_folder, "x.png"), info));
        Assert.Contains(message, e.Message);
    }

    /// <summary>Smooth gradients plus noise, so that different rows favour different filters.</summary>
    private static NdArray Image(DType dtype, int channels, int height, int width, Random random)
    {
        int[] shape = channels == 1 ? [height, width] : [channels, height, width];
        var array = NdArray.Create(dtype, shape, AxisId.ParseAll(channels == 1 ? "yx" : "cyx"));
        int max = dtype == DType.UInt8 ? 255 : 65535;
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int value = y % 3 == 0 ? random.Next(max + 1) : (x * 7 + y * 13 + c * 50 + random.Next(3)) * max / 400 % (max + 1);
                    long i = ((long)c * height + y) * width + x;
                    if (dtype == DType.UInt8) array.As<byte>().Span[(int)i] = (byte)value;
                    else array.As<ushort>().Span[(int)i] = (ushort)value;
                }
            }
        }
        return array;
    }
}
