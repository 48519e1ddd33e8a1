using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Tests.Imaging;

/// <summary>Every dtype through every format that can hold it, by the public facade, with axes and calibration.</summary>
[Trait("Area", "Imaging")]
public sealed class ImageFilesRoundTripTests : IDisposable
{
    private readonly string _folder = Oracles.ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static NdArray Pattern(DType dtype, string axes, params int[] shape)
    {
        var values = new NdArray<double>(shape, AxisId.ParseAll(axes));
        var span = values.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (i * 37 % 251) - (dtype.IsSignedInteger() ? 100 : 0) + (dtype.IsFloatingPoint() ? 0.25 : 0);
        return values.ConvertTo(dtype);
    }

    public static TheoryData<DType> AllDtypes() => new(Enum.GetValues<DType>());

    [Theory]
    [MemberData(nameof(AllDtypes))]
    public void TiffKeepsEveryDtypeAxesAndCalibration(DType dtype)
    {
        var array = Pattern(dtype, "tzcyx", 2, 3, 2, 9, 11);
        var calibration = new Calibration(0.5, 0.5, 2, "micron", 3, "sec");
        var path = Path.Combine(_folder, $"{dtype}.tif");
        ImageFiles.Write(path, array, calibration, new ImageWriteOptions { Deflate = dtype == DType.Float32 });
        using var reader = ImageFiles.OpenReader(path);
        Assert.Equal("tzcyx", reader.Info.AxesString);
        Assert.Equal(dtype == DType.Bool ? DType.UInt8 : dtype, reader.Info.DType);
        Assert.Equal(calibration, reader.Info.Calibration);
        using var back = ImageFiles.ReadAll(reader);
        Assert.True(array.Bytes.SequenceEqual(back.Bytes));
    }

    [Theory]
    [MemberData(nameof(AllDtypes))]
    public void NpyKeepsEveryDtypeAndShape(DType dtype)
    {
        var array = Pattern(dtype, "bczyx", 1, 2, 3, 4, 5);
        var path = Path.Combine(_folder, $"{dtype}.npy");
        ImageFiles.Write(path, array);
        using var back = ImageFiles.Read(path, array.Axes);
        Assert.Equal(dtype, back.DType);
        Assert.Equal(array.Shape.ToArray(), back.Shape.ToArray());
        Assert.True(array.Bytes.SequenceEqual(back.Bytes));
    }

    [Theory]
    [InlineData(DType.UInt8, "yx")]
    [InlineData(DType.UInt16, "yx")]
    [InlineData(DType.UInt8, "cyx")]
    [InlineData(DType.UInt16, "cyx")]
    public void PngKeepsGrayAndRgb(DType dtype, string axes)
    {
        var array = axes == "yx" ? Pattern(dtype, axes, 13, 7) : Pattern(dtype, axes, 3, 13, 7);
        var path = Path.Combine(_folder, $"{dtype}-{axes}.png");
        ImageFiles.Write(path, array);
        using var back = ImageFiles.Read(path);
        Assert.Equal(axes, back.AxesString);
        Assert.True(array.Bytes.SequenceEqual(back.Bytes));
    }

    [Fact]
    public void WriterRefusesAxesTheFormatCannotHold()
    {
        var batch = Pattern(DType.UInt8, "byx", 2, 3, 3);
        var error = Assert.Throws<ImageFormatException>(() => ImageFiles.Write(Path.Combine(_folder, "b.tif"), batch));
        Assert.Contains("cannot hold axis 'b' of size 2", error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
