using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;
using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>The writer's contract without an oracle: atomic commit, plane accounting, argument checks, BigTIFF choice.</summary>
[Trait("Area", "Tiff")]
public sealed class TiffWriterAtomicityTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ImageInfo Info(DType dtype, string axes, params int[] shape) =>
        new(dtype, [.. shape], [.. AxisId.ParseAll(axes)]);

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.AdobeDeflate)]
    public void DisposeWithoutCommitLeavesNoFile(TiffCompression compression)
    {
        string path = Path.Combine(_folder, "out.tif");
        using (var writer = TiffWriter.Create(path, Info(DType.UInt16, "zyx", 3, 40, 50), new TiffWriteOptions { Compression = compression }))
        {
            writer.WritePlane(new byte[4000]);
            Assert.Single(Directory.GetFiles(_folder));
        }
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void ExceptionMidWayLeavesNoFileAndKeepsThePreviousOne()
    {
        string path = Path.Combine(_folder, "out.tif");
        File.WriteAllText(path, "previous");
        void WriteHalfThenFail()
        {
            using var writer = TiffWriter.Create(path, Info(DType.UInt8, "zyx", 4, 10, 10));
            writer.WritePlane(new byte[100]);
            writer.WritePlane(new byte[100]);
            throw new InvalidDataException("producer failed");
        }
        Assert.Throws<InvalidDataException>(WriteHalfThenFail);
        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Equal("previous", File.ReadAllText(path));
    }

    [Fact]
    public void CommitWithMissingPlanesSaysHowMany()
    {
        string path = Path.Combine(_folder, "out.tif");
        using var writer = TiffWriter.Create(path, Info(DType.Float32, "zcyx", 2, 3, 4, 5));
        writer.WritePlane(new byte[80]);
        writer.WritePlane(new byte[80]);
        var error = Assert.Throws<InvalidOperationException>(writer.Commit);
        Assert.Contains("2 of 6", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void WritingTooManyOrWrongSizedPlanesThrows()
    {
        using var writer = TiffWriter.Create(Path.Combine(_folder, "out.tif"), Info(DType.UInt16, "yx", 4, 5));
        var wrongSize = Assert.Throws<ArgumentException>(() => writer.WritePlane(new byte[39]));
        Assert.Contains("40", wrongSize.Message);
        Assert.Contains("39", wrongSize.Message);
        writer.WritePlane(new byte[40]);
        var extra = Assert.Throws<InvalidOperationException>(() => writer.WritePlane(new byte[40]));
        Assert.Contains("all 1 planes", extra.Message);
        writer.Commit();
        Assert.True(File.Exists(writer.Path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("czyx")]
    [InlineData("zxy")]
    [InlineData("yxc")]
    [InlineData("bzyx")]
    [InlineData("x")]
    public void AxesOutOfImageJOrderAreRefused(string axes)
    {
        var shape = Enumerable.Repeat(3, axes.Length).ToArray();
        var error = Assert.Throws<ArgumentException>(() => TiffWriter.Create(Path.Combine(_folder, "out.tif"), Info(DType.UInt8, axes, shape)));
        Assert.Contains($"'{axes}'", error.Message);
        Assert.Contains("'t,z,c,y,x' in that order, ending in 'y,x'", error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(TiffCompression.Lzw)]
    [InlineData(TiffCompression.PackBits)]
    [InlineData(TiffCompression.Jpeg)]
    public void UnsupportedCompressionIsRefused(TiffCompression compression)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TiffWriter.Create(Path.Combine(_folder, "out.tif"), Info(DType.UInt8, "yx", 3, 3), new TiffWriteOptions { Compression = compression }));
        Assert.Contains(compression.ToString(), error.Message);
    }

    [Fact]
    public void BigTiffIsChosenOnlyWhenTheFileCouldPass4GiB()
    {
        using (var small = TiffWriter.Create(Path.Combine(_folder, "small.tif"), Info(DType.UInt16, "zyx", 500, 2048, 2048)))
            Assert.False(small.IsBigTiff);
        using (var large = TiffWriter.Create(Path.Combine(_folder, "large.tif"), Info(DType.UInt16, "zyx", 513, 2048, 2048)))
            Assert.True(large.IsBigTiff);
        using (var deflate = TiffWriter.Create(Path.Combine(_folder, "deflate.tif"), Info(DType.UInt16, "zyx", 513, 2048, 2048),
                   new TiffWriteOptions { Compression = TiffCompression.AdobeDeflate }))
            Assert.True(deflate.IsBigTiff);
        Assert.Throws<ArgumentException>(() => TiffWriter.Create(Path.Combine(_folder, "forced.tif"), Info(DType.UInt16, "zyx", 513, 2048, 2048),
            new TiffWriteOptions { BigTiff = false }));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void HeaderIsLittleEndianClassicOrBig()
    {
        string classic = Path.Combine(_folder, "classic.tif"), big = Path.Combine(_folder, "big.tif");
        var array = TiffWriterTestData.Pattern(DType.UInt8, "yx", 3, 5);
        TiffWriter.Write(classic, array);
        TiffWriter.Write(big, array, options: new TiffWriteOptions { BigTiff = true });
        Assert.Equal("II*\0"u8.ToArray(), File.ReadAllBytes(classic)[..4]);
        Assert.Equal("II+\0\b\0\0\0"u8.ToArray(), File.ReadAllBytes(big)[..8]);
    }

    [Fact]
    public void BadCalibrationIsRefused()
    {
        var info = Info(DType.UInt8, "yx", 3, 3);
        Assert.Throws<ArgumentException>(() => TiffWriter.Create(Path.Combine(_folder, "a.tif"), info with { Calibration = new Calibration(PixelWidth: 0) }));
        Assert.Throws<ArgumentException>(() => TiffWriter.Create(Path.Combine(_folder, "b.tif"), info with { Calibration = new Calibration(Unit: "Å") }));
        Assert.Throws<ArgumentException>(() => TiffWriter.Create(Path.Combine(_folder, "c.tif"), info with { Calibration = new Calibration(Unit: "a\nb=c") }));
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
