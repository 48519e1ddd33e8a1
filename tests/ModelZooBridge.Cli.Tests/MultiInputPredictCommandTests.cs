using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;

namespace ModelZooBridge.Tests;

/// <summary><c>mzb predict -i ID=PATH ...</c> through the two-input image + mask fixture package (halo 2).</summary>
[Trait("Area", "Cli")]
public sealed class MultiInputPredictCommandTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();
    private readonly string _package;

    public MultiInputPredictCommandTests() => _package = ImageMaskTestPackage.Write(Path.Combine(_folder, "package"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static NdArray<float> Image(int height, int width, int seed) =>
        new(Random(height * width, seed), [height, width], [AxisId.Y, AxisId.X]);

    private static NdArray<float> Mask(int height, int width, int seed) =>
        new(Random(2 * height * width, seed), [2, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]);

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextSingle())];
    }

    [Fact]
    public void Each_input_id_takes_its_own_file_and_axes_and_the_result_equals_the_library()
    {
        var image = Image(50, 37, seed: 1);
        var mask = Mask(50, 37, seed: 2);
        var imagePath = Path.Combine(_folder, "image.tif");
        var maskPath = Path.Combine(_folder, "mask.npy");
        ImageFiles.Write(imagePath, image);
        ImageFiles.Write(maskPath, mask);
        var output = Path.Combine(_folder, "out.tif");

        var result = CliRunner.Run("predict", "-m", _package, "-i", $"mask={maskPath}", "-i", $"image={imagePath}", "--axes", "mask=cyx",
            "-o", output, "--tile", "24", "--device", "cpu", "--threads", "1", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(imagePath, json.GetProperty("input").GetString());
        Assert.Equal(maskPath, json.GetProperty("inputs").GetProperty("mask").GetString());
        Assert.Equal(3 * 2, json.GetProperty("tiles").GetInt32()); // inner 24 - 2·2 = 20: ceil(50/20) × ceil(37/20)
        using var predictor = Predictor.Open(_package, new PredictorOptions { Device = DeviceRequest.Parse("cpu"), IntraOpThreads = 1 });
        var expected = predictor.PredictWhole(new Dictionary<string, NdArray> { ["image"] = image, ["mask"] = mask }).Output.As<float>();
        var written = ImageFiles.Read(output);
        Assert.Equal([2, 50, 37], written.Shape.ToArray());
        Assert.All(written.As<float>().Span.ToArray().Zip(expected.Span.ToArray()), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5f));
    }

    [Fact]
    public void Folders_are_paired_by_file_name_whatever_the_extension()
    {
        var images = Directory.CreateDirectory(Path.Combine(_folder, "images")).FullName;
        var masks = Directory.CreateDirectory(Path.Combine(_folder, "masks")).FullName;
        ImageFiles.Write(Path.Combine(images, "a.tif"), Image(30, 20, seed: 3));
        ImageFiles.Write(Path.Combine(images, "b.tif"), Image(22, 26, seed: 4));
        ImageFiles.Write(Path.Combine(masks, "a.npy"), Mask(30, 20, seed: 5));
        ImageFiles.Write(Path.Combine(masks, "b.tif"), Mask(22, 26, seed: 6));
        var outputs = Path.Combine(_folder, "outputs");

        var result = CliRunner.Run("predict", "-m", _package, "-i", $"image={images}", "-i", $"mask={masks}", "--axes", "mask=cyx", "-o", outputs,
            "--device", "cpu", "--threads", "1", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(2, JsonDocument.Parse(result.Stdout).RootElement.GetArrayLength());
        Assert.Equal([2, 30, 20], ImageFiles.Read(Path.Combine(outputs, "a.tif")).Shape.ToArray());
        Assert.Equal([2, 22, 26], ImageFiles.Read(Path.Combine(outputs, "b.tif")).Shape.ToArray());
    }

    [Theory]
    [InlineData("plain", "the model takes 2 inputs ('image', 'mask'): name all but one with --input ID=PATH")]
    [InlineData("named", "every input is already named ('image', 'mask'); give it as --input ID=PATH")]
    [InlineData("unknown", "--input labels=...: the model has no input 'labels' (it takes 'image', 'mask')")]
    [InlineData("missing", "no --input mask=PATH: the model takes 'image', 'mask'")]
    [InlineData("unpaired", "no image named b for input 'mask'")]
    [InlineData("sizes", "input 'mask' has 21 along 'x', input 'image' 20")]
    public void Wrong_inputs_get_one_line_naming_the_problem_and_exit_2(string problem, string message)
    {
        var images = Directory.CreateDirectory(Path.Combine(_folder, "images")).FullName;
        var masks = Directory.CreateDirectory(Path.Combine(_folder, "masks")).FullName;
        ImageFiles.Write(Path.Combine(images, "a.tif"), Image(30, 20, seed: 3));
        ImageFiles.Write(Path.Combine(masks, "a.tif"), Mask(30, problem == "sizes" ? 21 : 20, seed: 5));
        if (problem == "unpaired") ImageFiles.Write(Path.Combine(images, "b.tif"), Image(30, 20, seed: 4));
        string[] inputs = problem switch
        {
            "plain" => ["-i", images],
            "named" => ["-i", $"image={images}", "-i", $"mask={masks}", "-i", masks],
            "unknown" => ["-i", $"image={images}", "-i", $"mask={masks}", "-i", $"labels={masks}"],
            "missing" => ["-i", $"image={images}"],
            _ => ["-i", $"image={images}", "-i", $"mask={masks}"],
        };

        var result = CliRunner.Run(["predict", "-m", _package, .. inputs, "-o", Path.Combine(_folder, "out"), "--device", "cpu", "--threads", "1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_parameter_vector_input_is_given_as_a_file_and_info_says_it_goes_whole_with_every_block()
    {
        var package = ScaledConvTestPackage.Write(Path.Combine(_folder, "scaled-conv"));
        var image = Path.Combine(_folder, "image.tif");
        var scale = Path.Combine(_folder, "scale.npy");
        ImageFiles.Write(image, Image(40, 33, seed: 9));
        ImageFiles.Write(scale, new NdArray<float>(new[] { 0.5f, 2f }, [2], [AxisId.Channel]));
        var tiled = Path.Combine(_folder, "tiled.tif");
        var whole = Path.Combine(_folder, "whole.tif");

        var info = CliRunner.Run("info", package);
        var first = CliRunner.Run("predict", "-m", package, "-i", image, "-i", $"scale={scale}", "--axes", "scale=c", "-o", tiled,
            "--tile", "12", "--device", "cpu", "--threads", "1", "--json");
        var second = CliRunner.Run("predict", "-m", package, "-i", image, "-i", $"scale={scale}", "--axes", "scale=c", "-o", whole,
            "--device", "cpu", "--threads", "1");

        Assert.Contains("tiling          none: goes whole with every block of input 'image'", info.Stdout);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.True(JsonDocument.Parse(first.Stdout).RootElement.GetProperty("tiles").GetInt32() > 1);
        Assert.All(ImageFiles.Read(tiled).As<float>().Span.ToArray().Zip(ImageFiles.Read(whole).As<float>().Span.ToArray()),
            p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5f));
    }

    [Fact]
    public void One_plain_input_fills_the_input_left_unnamed()
    {
        var image = Path.Combine(_folder, "image.tif");
        var mask = Path.Combine(_folder, "mask.tif");
        ImageFiles.Write(image, Image(26, 31, seed: 7));
        ImageFiles.Write(mask, Mask(26, 31, seed: 8));
        var named = Path.Combine(_folder, "named.tif");
        var mixed = Path.Combine(_folder, "mixed.tif");

        var first = CliRunner.Run("predict", "-m", _package, "-i", $"image={image}", "-i", $"mask={mask}", "-o", named, "--device", "cpu", "--threads", "1");
        var second = CliRunner.Run("predict", "-m", _package, "-i", image, "-i", $"mask={mask}", "-o", mixed, "--device", "cpu", "--threads", "1");
        var twoPlain = CliRunner.Run("predict", "-m", _package, "-i", image, "-i", mask, "-o", mixed);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(ImageFiles.Read(named).As<float>().Span.ToArray(), ImageFiles.Read(mixed).As<float>().Span.ToArray());
        Assert.Equal(2, twoPlain.ExitCode);
        Assert.Contains("give --input PATH once; further inputs as --input ID=PATH", twoPlain.Stderr);
    }
}
