using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;
using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>Files written by <see cref="TiffWriter"/> read back by tifffile 2023.2.3: values, shape, axes and metadata.</summary>
[Trait("Area", "Tiff")]
public sealed class TiffWriterTifffileTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.AdobeDeflate)]
    public void EveryDtypeReadsBackIdentically(TiffCompression compression)
    {
        var dtypes = Enum.GetValues<DType>();
        var arrays = dtypes.Select(d => TiffWriterTestData.Pattern(d, "zcyx", 2, 3, 21, 17)).ToArray();
        var paths = dtypes.Select(d => Path.Combine(_folder, $"{d.Name()}.tif")).ToArray();
        for (int i = 0; i < arrays.Length; i++)
            TiffWriter.Write(paths[i], arrays[i], options: new TiffWriteOptions { Compression = compression });

        var read = TifffileOracle.Read(paths);
        for (int i = 0; i < arrays.Length; i++)
        {
            var file = read[i];
            var dtype = dtypes[i];
            string because = dtype.Name();
            Assert.Equal((dtype == DType.Bool ? DType.UInt8 : dtype).Name(), file.GetProperty("dtype").GetString());
            Assert.Equal([2, 3, 21, 17], Ints(file.GetProperty("shape")));
            Assert.Equal("ZCYX", file.GetProperty("axes").GetString());
            Assert.Equal(TiffWriterTestData.Sha256(arrays[i]), file.GetProperty("sha256").GetString());
            Assert.Equal((int)compression, file.GetProperty("compression").GetInt32());
            Assert.Equal(6, file.GetProperty("pages").GetInt32());
            Assert.Equal(dtype.SizeOf() * 8, file.GetProperty("bits").GetInt32());
            int expectedFormat = dtype.IsFloatingPoint() ? 3 : dtype.IsSignedInteger() ? 2 : 1;
            Assert.Equal(expectedFormat, file.GetProperty("sampleformat").GetInt32());
            bool imagej = TiffWriter.IsImageJCompatible(dtype);
            Assert.True(imagej == (file.GetProperty("imagej").ValueKind == JsonValueKind.Object), because);
            Assert.Equal(imagej ? "imagej" : "shaped", file.GetProperty("kind").GetString(), ignoreCase: true);
        }
    }

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.AdobeDeflate)]
    public void HyperstacksKeepTheirAxesAndCalibration(TiffCompression compression)
    {
        var calibration = new Calibration(PixelWidth: 0.325, PixelHeight: 0.5, PixelDepth: 2.5, Unit: "µm", FrameInterval: 1.5, TimeUnit: "min");
        var cases = new (NdArray Array, string Axes)[]
        {
            (TiffWriterTestData.Pattern(DType.UInt16, "tzcyx", 2, 3, 2, 33, 40), "TZCYX"),
            (TiffWriterTestData.Pattern(DType.Float32, "zyx", 3, 700, 300), "ZYX"),
            (TiffWriterTestData.Pattern(DType.UInt8, "cyx", 4, 19, 23), "CYX"),
            (TiffWriterTestData.Pattern(DType.UInt16, "yx", 1000, 300), "YX"),
            (TiffWriterTestData.Pattern(DType.Float32, "tyx", 5, 8, 9), "TYX"),
        };
        var paths = cases.Select((c, i) => Path.Combine(_folder, $"case{i}.tif")).ToArray();
        for (int i = 0; i < cases.Length; i++)
            TiffWriter.Write(paths[i], cases[i].Array, calibration, new TiffWriteOptions { Compression = compression });

        var read = TifffileOracle.Read(paths);
        for (int i = 0; i < cases.Length; i++)
        {
            var (array, axes) = cases[i];
            var file = read[i];
            Assert.Equal(axes, file.GetProperty("axes").GetString());
            Assert.Equal(array.Shape.ToArray(), Ints(file.GetProperty("shape")));
            Assert.Equal(TiffWriterTestData.Sha256(array), file.GetProperty("sha256").GetString());

            var imagej = file.GetProperty("imagej");
            Assert.Equal((int)(array.Length / array.Shape[^1] / array.Shape[^2]), imagej.GetProperty("images").GetInt32());
            Assert.Equal(SizeOr1(array, "c"), OptionalInt(imagej, "channels"));
            Assert.Equal(SizeOr1(array, "z"), OptionalInt(imagej, "slices"));
            Assert.Equal(SizeOr1(array, "t"), OptionalInt(imagej, "frames"));
            Assert.Equal("um", imagej.GetProperty("unit").GetString());
            Assert.Equal(2.5, imagej.GetProperty("spacing").GetDouble());
            Assert.Equal(1.5, imagej.GetProperty("finterval").GetDouble());
            Assert.Equal("min", imagej.GetProperty("tunit").GetString());
            Assert.Equal(1, file.GetProperty("resunit").GetInt32());
            Assert.Equal(0.325, 1 / Rational(file.GetProperty("xres")), 12);
            Assert.Equal(0.5, 1 / Rational(file.GetProperty("yres")), 12);
        }
        Assert.True(read[1].GetProperty("strips").GetInt32() > 1, "a 840 KB float32 page is cut into several strips");
    }

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.AdobeDeflate)]
    public void ForcedBigTiffReadsBackIdentically(TiffCompression compression)
    {
        var array = TiffWriterTestData.Pattern(DType.UInt16, "zcyx", 3, 2, 600, 250);
        string path = Path.Combine(_folder, "big.tif");
        using (var writer = TiffWriter.Create(path, new ImageInfo(array.DType, array.Shape, array.Axes, new Calibration(0.2, 0.2, 1, "micron")),
                   new TiffWriteOptions { Compression = compression, BigTiff = true }))
        {
            Assert.True(writer.IsBigTiff);
            var bytes = array.Bytes;
            int planeBytes = (int)writer.Info.PlaneBytes;
            for (int plane = 0; plane < 6; plane++) writer.WritePlane(bytes.Slice(plane * planeBytes, planeBytes));
            writer.Commit();
        }

        var file = TifffileOracle.Read(path)[0];
        Assert.True(file.GetProperty("bigtiff").GetBoolean());
        Assert.Equal("ZCYX", file.GetProperty("axes").GetString());
        Assert.Equal(TiffWriterTestData.Sha256(array), file.GetProperty("sha256").GetString());
        Assert.Equal(2, file.GetProperty("imagej").GetProperty("channels").GetInt32());
        Assert.Equal(0.2, 1 / Rational(file.GetProperty("xres")), 12);
    }

    [Fact]
    public void ShapedDescriptionCarriesCalibrationForNonImageJDtypes()
    {
        var array = TiffWriterTestData.Pattern(DType.Float64, "tyx", 2, 5, 6);
        string path = Path.Combine(_folder, "f64.tif");
        TiffWriter.Write(path, array, new Calibration(0.25, 0.25, 3, "nm", 0.5, "sec"));

        var file = TifffileOracle.Read(path)[0];
        var shaped = file.GetProperty("shaped");
        Assert.Equal("TYX", shaped.GetProperty("axes").GetString());
        Assert.Equal("nm", shaped.GetProperty("unit").GetString());
        Assert.Equal(3, shaped.GetProperty("spacing").GetDouble());
        Assert.Equal(0.5, shaped.GetProperty("finterval").GetDouble());
        Assert.Equal(0.25, 1 / Rational(file.GetProperty("xres")), 12);
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static int OptionalInt(JsonElement imagej, string key) => imagej.TryGetProperty(key, out var v) ? v.GetInt32() : 1;

    private static int SizeOr1(NdArray array, string axis) => array.IndexOf(axis) is var i and >= 0 ? array.Shape[i] : 1;

    private static double Rational(JsonElement pair) => pair[0].GetDouble() / pair[1].GetDouble();
}
