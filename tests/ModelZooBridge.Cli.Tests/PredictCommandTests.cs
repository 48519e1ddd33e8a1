using System.Diagnostics;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;

namespace ModelZooBridge.Tests;

/// <summary><c>mzb predict</c> through a temporary package around the fixture conv net (2 → 3 channels, halo 2).</summary>
[Trait("Area", "Cli")]
public sealed class PredictCommandTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Predicts_a_tiff_into_a_tiff_with_the_expected_shape_and_reports_json()
    {
        var package = Conv2dPackage();
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(70, 45));
        var output = Path.Combine(_folder, "out.tif");

        var result = CliRunner.Run("predict", "--model", package, "--input", input, "--output", output,
            "--tile", "32", "--device", "cpu", "--threads", "1", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var written = ImageFiles.Read(output);
        Assert.Equal(DType.Float32, written.DType);
        Assert.Equal([3, 70, 45], written.Shape.ToArray());
        Assert.Equal("cyx", written.AxesString);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("CPUExecutionProvider", json.GetProperty("provider").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("fallback_reason").ValueKind);
        Assert.Equal("tiled", json.GetProperty("mode").GetString());
        Assert.Equal([1, 2, 32, 32], json.GetProperty("tile_shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("bcyx", json.GetProperty("tile_axes").GetString());
        Assert.Equal(3 * 2, json.GetProperty("tiles").GetInt32()); // inner 28: ceil(70/28) × ceil(45/28)
        Assert.True(json.GetProperty("timings_ms").GetProperty("total").GetDouble() > 0);
        var first = json.GetProperty("outputs")[0];
        Assert.Equal("output", first.GetProperty("id").GetString());
        Assert.Equal([1, 3, 70, 45], first.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("bcyx", first.GetProperty("axes").GetString());
    }

    [Fact]
    public void Json_reports_when_the_first_block_finished_in_seconds_since_the_process_started()
    {
        var package = Conv2dPackage();
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(40, 40));
        double before = SecondsSinceProcessStart();

        var result = CliRunner.Run("predict", "--model", package, "--input", input, "--output", Path.Combine(_folder, "out.tif"),
            "--tile", "32", "--device", "cpu", "--threads", "1", "--json");

        double after = SecondsSinceProcessStart();
        Assert.True(result.ExitCode == 0, result.Stderr);
        // In process, "process start" is the test host's, so the first block falls between the two readings.
        Assert.InRange(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("first_block_seconds").GetDouble(), before - 0.001, after + 0.001);
    }

    private static double SecondsSinceProcessStart() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;

    [Fact]
    public void Whole_and_tiled_outputs_agree_and_a_folder_is_predicted_file_by_file()
    {
        var package = Conv2dPackage();
        var inputs = Directory.CreateDirectory(Path.Combine(_folder, "inputs")).FullName;
        ImageFiles.Write(Path.Combine(inputs, "a.tif"), TwoChannelImage(50, 40));
        ImageFiles.Write(Path.Combine(inputs, "b.npy"), TwoChannelImage(33, 61, seed: 2));
        var whole = Path.Combine(_folder, "whole");
        var tiled = Path.Combine(_folder, "tiled");

        var first = CliRunner.Run("predict", "-m", package, "-i", inputs, "-o", whole, "--axes", "cyx", "--device", "cpu", "--threads", "1", "--json");
        var second = CliRunner.Run("predict", "-m", package, "-i", inputs, "-o", tiled, "--axes", "cyx", "--tile", "24,16", "--device", "cpu", "--threads", "1");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(2, JsonDocument.Parse(first.Stdout).RootElement.GetArrayLength());
        foreach (var name in new[] { "a.tif", "b.npy" })
        {
            var a = ImageFiles.Read(Path.Combine(whole, name)).As<float>().Span.ToArray();
            var b = ImageFiles.Read(Path.Combine(tiled, name)).As<float>().Span.ToArray();
            Assert.Equal(a.Length, b.Length);
            Assert.All(a.Zip(b), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5f));
        }
    }

    [Fact]
    public void A_volume_larger_than_the_memory_budget_is_streamed_and_equals_the_in_memory_result()
    {
        var package = Conv3dTestPackage.Write(Path.Combine(_folder, "conv3d-package"),
            "[{id: zero_mean_unit_variance, kwargs: {axes: [z, y, x]}}]");
        var random = new Random(3);
        var volume = new NdArray<ushort>([40, 64, 64], AxisId.ParseAll("zyx"));
        foreach (ref var v in volume.Span) v = (ushort)random.Next(0, 5000);
        var input = Path.Combine(_folder, "volume.tif");
        ImageFiles.Write(input, volume);
        var streamedPath = Path.Combine(_folder, "streamed.tif");
        var inMemoryPath = Path.Combine(_folder, "in-memory.tif");

        var streamed = CliRunner.Run("predict", "-m", package, "-i", input, "-o", streamedPath, "--memory", "2", "--device", "cpu", "--threads", "1", "--json");
        Assert.True(streamed.ExitCode == 0, streamed.Stderr);
        var json = JsonDocument.Parse(streamed.Stdout).RootElement;
        var tile = string.Join(",", json.GetProperty("tile_shape").EnumerateArray().Skip(2).Select(e => e.GetInt32()));
        var inMemory = CliRunner.Run("predict", "-m", package, "-i", input, "-o", inMemoryPath, "--tile", tile, "--device", "cpu", "--threads", "1", "--json");

        Assert.True(inMemory.ExitCode == 0, inMemory.Stderr);
        Assert.True(json.GetProperty("streamed").GetBoolean());
        Assert.True(json.GetProperty("slabs").GetInt32() > 1);
        Assert.InRange(json.GetProperty("working_set_bytes").GetInt64(), 1, 2L << 20);
        Assert.False(JsonDocument.Parse(inMemory.Stdout).RootElement.GetProperty("streamed").GetBoolean());
        Assert.Equal("bczyx", json.GetProperty("outputs")[0].GetProperty("axes").GetString());
        var a = ImageFiles.Read(streamedPath);
        var b = ImageFiles.Read(inMemoryPath);
        Assert.Equal("zcyx", a.AxesString);
        Assert.Equal(b.Shape.ToArray(), a.Shape.ToArray());
        var x = a.As<float>().Span;
        var y = b.As<float>().Span;
        float max = 0;
        for (int i = 0; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i] - y[i]));
        Assert.InRange(max, 0, 1e-6f);
    }

    [Theory]
    [InlineData("gray")]     // one channel for a two-channel model
    [InlineData("missing")]  // no such input
    [InlineData("badtile")]  // block size below the model's minimum
    public void Bad_input_exits_2_and_writes_nothing(string problem)
    {
        var package = Conv2dPackage();
        var input = Path.Combine(_folder, "in.tif");
        if (problem != "missing")
        {
            var gray = new NdArray<float>(new float[30 * 20], [30, 20], [AxisId.Y, AxisId.X]);
            ImageFiles.Write(input, problem == "gray" ? gray : TwoChannelImage(30, 20));
        }
        var output = Path.Combine(_folder, "out.tif");

        var args = new List<string> { "predict", "--model", package, "--input", input, "--output", output, "--device", "cpu", "--threads", "1" };
        if (problem == "badtile") args.AddRange(["--tile", "4"]);
        var result = CliRunner.Run([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mzb: error:", result.Stderr);
        Assert.DoesNotContain("(Parameter", result.Stderr);
        Assert.False(File.Exists(output));
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => Path.GetFileName(f).StartsWith("out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_package_without_a_description_exits_2()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(30, 20));

        var result = CliRunner.Run("predict", "--model", empty, "--input", input, "--output", Path.Combine(_folder, "out.tif"));

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(40, 40, 8)] // square blocks: rotations and flips
    [InlineData(40, 29, 4)] // not square: the flips only
    public void Tta_runs_the_dihedral_transforms_and_matches_the_library(int height, int width, int transforms)
    {
        var package = Conv2dPackage();
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(height, width));
        var plain = Path.Combine(_folder, "plain.tif");
        var augmented = Path.Combine(_folder, "tta.tif");

        var first = CliRunner.Run("predict", "-m", package, "-i", input, "-o", plain, "--device", "cpu", "--threads", "1");
        var second = CliRunner.Run("predict", "-m", package, "-i", input, "-o", augmented, "--tta", "--device", "cpu", "--threads", "1", "--json");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        var json = JsonDocument.Parse(second.Stdout).RootElement;
        Assert.Equal(transforms, json.GetProperty("tta_transforms").GetInt32());
        Assert.Equal(transforms, json.GetProperty("transforms").GetArrayLength());
        Assert.Equal("identity", json.GetProperty("transforms")[0].GetString());
        Assert.Equal(transforms == 8, json.GetProperty("transforms").EnumerateArray().Any(t => t.GetString() == "rot90"));
        using var predictor = Predictor.Open(package, new PredictorOptions { Device = DeviceRequest.Parse("cpu"), IntraOpThreads = 1, TestTimeAugmentation = true });
        var expected = predictor.Predict(TwoChannelImage(height, width)).Output.As<float>().Span.ToArray();
        var written = ImageFiles.Read(augmented).As<float>().Span.ToArray();
        Assert.Equal(expected, written);
        Assert.NotEqual(ImageFiles.Read(plain).As<float>().Span.ToArray(), written);
    }

    [Fact]
    public void Repeated_model_averages_the_members_outputs()
    {
        var first = Conv2dPackage();
        var second = Conv2dTestPackage.Write(Path.Combine(_folder, "conv2d-reversed"), halo: 2, reverseWeights: true);
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(36, 27));
        string outA = Path.Combine(_folder, "a.tif"), outB = Path.Combine(_folder, "b.tif"), outMean = Path.Combine(_folder, "mean.tif");
        string[] common = ["-i", input, "--tile", "20", "--device", "cpu", "--threads", "1"];

        var a = CliRunner.Run(["predict", "-m", first, "-o", outA, .. common]);
        var b = CliRunner.Run(["predict", "-m", second, "-o", outB, .. common]);
        var ensemble = CliRunner.Run(["predict", "-m", first, "--model", second, "-o", outMean, "--json", .. common]);

        Assert.True(a.ExitCode == 0 && b.ExitCode == 0 && ensemble.ExitCode == 0, a.Stderr + b.Stderr + ensemble.Stderr);
        var json = JsonDocument.Parse(ensemble.Stdout).RootElement;
        Assert.Equal([first, second], json.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("raw", json.GetProperty("averaged").GetString());
        var mean = ImageFiles.Read(outA).As<float>().Span.ToArray()
            .Zip(ImageFiles.Read(outB).As<float>().Span.ToArray(), (x, y) => (x + y) / 2).ToArray();
        var written = ImageFiles.Read(outMean).As<float>().Span.ToArray();
        Assert.All(mean.Zip(written), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-6f, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void Members_with_other_outputs_exit_2_naming_the_package()
    {
        var first = Conv2dPackage();
        var other = Conv2dTestPackage.Write(Path.Combine(_folder, "conv2d-two-outputs"), halo: 2);
        var description = Path.Combine(other, "rdf.yaml");
        File.WriteAllText(description, File.ReadAllText(description).Replace("channel_names: [p, q, r]", "channel_names: [p, q]", StringComparison.Ordinal));
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(30, 20));
        var output = Path.Combine(_folder, "out.tif");

        var result = CliRunner.Run("predict", "-m", first, "-m", other, "-i", input, "-o", output, "--device", "cpu", "--threads", "1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains(other, line, StringComparison.Ordinal);
        Assert.Contains("output 'output' has axes b,c[2],y,x where the first package's 'output' has b,c[3],y,x", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static NdArray<float> TwoChannelImage(int height, int width, int seed = 1)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, 2 * height * width).Select(_ => (float)random.NextDouble()).ToArray();
        return new NdArray<float>(data, [2, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]);
    }

    private string Conv2dPackage() => Conv2dTestPackage.Write(Path.Combine(_folder, "conv2d-package"), halo: 2);
}
