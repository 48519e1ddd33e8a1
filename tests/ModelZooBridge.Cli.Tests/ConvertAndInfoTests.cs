using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Tests;

[Trait("Area", "Cli")]
public sealed class ConvertAndInfoTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static NdArray<ushort> Ramp(string axes, params int[] shape)
    {
        var array = new NdArray<ushort>(shape, AxisId.ParseAll(axes));
        var span = array.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (ushort)(i * 7 % 65521);
        return array;
    }

    [Fact]
    public void TiffHyperstackRoundTripsThroughNpyWithAxesAndValues()
    {
        var original = Ramp("tzcyx", 2, 3, 2, 17, 23);
        var calibration = new Calibration(0.25, 0.25, 1.5, "micron", 2, "sec");
        ImageFiles.Write(PathOf("a.tif"), original, calibration);

        var toNpy = CliRunner.Run("convert", PathOf("a.tif"), PathOf("a.npy"));
        Assert.Equal(0, toNpy.ExitCode);
        using var npy = ImageFiles.Read(PathOf("a.npy"), AxisId.ParseAll("tzcyx"));
        Assert.Equal(original.Shape.ToArray(), npy.Shape.ToArray());
        Assert.True(original.Bytes.SequenceEqual(npy.Bytes));

        var back = CliRunner.Run("convert", PathOf("a.npy"), PathOf("b.tif"), "--axes", "tzcyx", "--deflate");
        Assert.Equal(0, back.ExitCode);
        using var tiff = ImageFiles.Read(PathOf("b.tif"));
        Assert.Equal("tzcyx", tiff.AxesString);
        Assert.True(original.Bytes.SequenceEqual(tiff.Bytes));
    }

    [Fact]
    public void NpyAxesAreReorderedIntoImageJOrderForTiff()
    {
        var czyx = Ramp("czyx", 2, 3, 5, 7);
        ImageFiles.Write(PathOf("c.npy"), czyx);
        var result = CliRunner.Run("convert", PathOf("c.npy"), PathOf("c.tif"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("zcyx", json.RootElement.GetProperty("axes").GetString());
        using var tiff = ImageFiles.Read(PathOf("c.tif"));
        var expected = czyx.Transpose(AxisId.ParseAll("zcyx"));
        Assert.Equal("zcyx", tiff.AxesString);
        Assert.True(expected.Bytes.SequenceEqual(tiff.Bytes));
    }

    [Fact]
    public void InfoJsonGivesShapeDtypeAxesAndCalibration()
    {
        ImageFiles.Write(PathOf("i.tif"), Ramp("zyx", 4, 8, 9), new Calibration(0.5, 0.5, 2, "micron"));
        var result = CliRunner.Run("info", PathOf("i.tif"), "--json");
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("uint16", root.GetProperty("dtype").GetString());
        Assert.Equal([4, 8, 9], root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("zyx", root.GetProperty("axes").GetString());
        Assert.Equal(2.0, root.GetProperty("calibration").GetProperty("pixel_depth").GetDouble());
        Assert.Equal("micron", root.GetProperty("calibration").GetProperty("unit").GetString());
    }

    [Fact]
    public void DtypeConversionSaturatesToPng()
    {
        var values = new NdArray<ushort>(new ushort[] { 0, 100, 255, 256, 1000, 65535 }, [2, 3], AxisId.ParseAll("yx"));
        ImageFiles.Write(PathOf("f.npy"), values);
        var result = CliRunner.Run("convert", PathOf("f.npy"), PathOf("f.png"), "--dtype", "uint8");
        Assert.Equal(0, result.ExitCode);
        using var png = ImageFiles.Read(PathOf("f.png"));
        Assert.Equal(DType.UInt8, png.DType);
        Assert.Equal(new byte[] { 0, 100, 255, 255, 255, 255 }, png.As<byte>().Span.ToArray());
    }

    [Theory]
    [InlineData("broken.tif", "II*\0\u00ff\u00ff\u00ff\u00ff")]
    [InlineData("broken.npy", "\u0093NUMPY\u0001\0{'descr': '<f4'")]
    [InlineData("broken.png", "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR")]
    public void CorruptInputIsOneLineExitTwoAndNoOutput(string name, string content)
    {
        File.WriteAllBytes(PathOf(name), content.Select(c => (byte)c).ToArray());
        var result = CliRunner.Run("convert", PathOf(name), PathOf("out.tif"));
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(name, result.Stderr);
        Assert.Equal([name], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void UnknownExtensionAndMissingFileAndBadOptionsAreUsageErrors()
    {
        ImageFiles.Write(PathOf("ok.npy"), Ramp("yx", 2, 2));
        Assert.Equal(2, CliRunner.Run("convert", PathOf("ok.npy"), PathOf("out.jpg")).ExitCode);
        Assert.Equal(2, CliRunner.Run("info", PathOf("missing.tif")).ExitCode);
        Assert.Equal(2, CliRunner.Run("convert", PathOf("ok.npy"), PathOf("o.tif"), "--dtype", "float16").ExitCode);
        Assert.Equal(2, CliRunner.Run("convert", PathOf("ok.npy"), PathOf("o.tif"), "--axes", "zyx").ExitCode);
        Assert.Equal(2, CliRunner.Run("convert").ExitCode);
        Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);
        Assert.Equal(["ok.npy"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("info", "--help")]
    [InlineData("convert", "--help")]
    public void HelpIsAvailableEverywhere(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
    }

    [Fact]
    public void PublishedHostStartsAndReportsErrorsWithExitCodes()
    {
        var version = CliRunner.RunHost("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.Stdout.Trim());
        var missing = CliRunner.RunHost("info", PathOf("nope.tif"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.tif: no such file", missing.Stderr);
    }
}
