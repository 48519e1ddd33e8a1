using System.Text.Json;

namespace ModelZooBridge.Tests.Training;

/// <summary>Tiny disc images, one short 2D run and its exported package, shared by the tests that only read them.</summary>
public sealed class TrainedRunFixture : IDisposable
{
    /// <summary>Small settings every test run uses: a depth-1, 4-filter U-Net on 16² patches for a few steps, one thread.</summary>
    public static readonly string[] Small =
        ["--depth", "1", "--filters", "4", "--patch", "16", "--batch", "4", "--steps-per-epoch", "3", "--seed", "5", "--threads", "1"];

    public string Folder { get; } = CliRunner.NewTempFolder();

    public string Images => Path.Combine(Folder, "images");

    public string Labels => Path.Combine(Folder, "labels");

    public string Run => Path.Combine(Folder, "run");

    public string Package => Path.Combine(Folder, "model.zip");

    /// <summary>What <c>mzb train --json</c> printed for <see cref="Run"/>.</summary>
    public JsonElement TrainReport { get; }

    public TrainedRunFixture()
    {
        DiscImages.Write(Images, Labels, count: 5);
        TrainReport = Json(CliRunner.Run(["train", "--images", Images, "--labels", Labels, "--arch", "unet2d", "--out", Run, "--epochs", "2", "--json", .. Small]));
        Json(CliRunner.Run("export", Run, "--out", Package, "--json"));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>The JSON on stdout of a command that must succeed.</summary>
    public static JsonElement Json(CliRunner.Result result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}{result.Stdout}");
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}

/// <summary><c>mzb train</c> and <c>mzb export</c> end to end on tiny data, and their usage errors.</summary>
[Trait("Area", "Training")]
public sealed class TrainExportCommandTests(TrainedRunFixture fixture) : IClassFixture<TrainedRunFixture>, IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static CliRunner.Result Train(params string[] args) => CliRunner.Run(["train", .. args, .. TrainedRunFixture.Small]);

    [Fact]
    public void Train_reports_the_run_in_json_and_writes_its_folder()
    {
        var report = fixture.TrainReport;
        Assert.Equal(fixture.Run, report.GetProperty("run").GetString());
        Assert.Equal("epochs", report.GetProperty("stop_reason").GetString());
        Assert.Equal(2, report.GetProperty("epochs").GetInt32());
        Assert.Equal(6, report.GetProperty("steps").GetInt32());
        Assert.InRange(report.GetProperty("best_epoch").GetInt32(), 1, 2);
        Assert.True(double.IsFinite(report.GetProperty("best_validation_loss").GetDouble()));
        Assert.Equal(2, report.GetProperty("validation_iou").GetArrayLength());
        Assert.Equal(2, report.GetProperty("validation_f1").GetArrayLength());
        Assert.True(File.Exists(report.GetProperty("best_checkpoint").GetString()));
        Assert.True(File.Exists(report.GetProperty("last_checkpoint").GetString()));
        foreach (var file in new[] { "run.json", "log.csv", "log.jsonl", "loss.svg" })
            Assert.True(File.Exists(Path.Combine(fixture.Run, file)), file);
    }

    [Fact]
    public void The_exported_package_validates_with_reproduction_and_predicts_an_image_that_evaluate_scores()
    {
        var validation = TrainedRunFixture.Json(CliRunner.Run("validate", fixture.Package, "--json"));
        Assert.Equal("passed", validation.GetProperty("status").GetString());
        Assert.True(validation.GetProperty("reproduction_run").GetBoolean());
        Assert.All(validation.GetProperty("reproduction").EnumerateArray(), r => Assert.True(r.GetProperty("passed").GetBoolean()));

        var prediction = PathOf("prediction.tif");
        var predict = CliRunner.Run("predict", "--model", fixture.Package, "--input", Path.Combine(fixture.Images, "0.png"), "--output", prediction, "--device", "cpu", "--threads", "1");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var scores = TrainedRunFixture.Json(CliRunner.Run("evaluate", "--prediction", prediction, "--truth", Path.Combine(fixture.Labels, "0.png"), "--json"));
        Assert.Equal(2, scores.GetProperty("overall").GetProperty("per_class").GetArrayLength());
    }

    [Fact]
    public void Export_json_names_the_package_checkpoint_and_test_input()
    {
        var report = TrainedRunFixture.Json(CliRunner.Run("export", fixture.Run, "--out", PathOf("last.zip"), "--checkpoint", "last", "--name", "discs", "--class-names", "background,disc", "--json"));
        Assert.Equal(PathOf("last.zip"), report.GetProperty("package").GetString());
        Assert.Equal("last", report.GetProperty("checkpoint").GetString());
        Assert.Equal(2, report.GetProperty("epoch").GetInt32());
        Assert.StartsWith(fixture.Images, report.GetProperty("test_input").GetString());
        Assert.True(File.Exists(PathOf("last.zip")));
    }

    [Fact]
    public void Resume_continues_a_run_to_the_new_epoch_count()
    {
        var run = PathOf("run");
        TrainedRunFixture.Json(Train("--images", fixture.Images, "--labels", fixture.Labels, "--arch", "unet2d", "--out", run, "--epochs", "2", "--json"));
        var resumed = TrainedRunFixture.Json(CliRunner.Run("train", "--resume", "--out", run, "--epochs", "3", "--json"));
        Assert.Equal(3, resumed.GetProperty("epochs").GetInt32());
        Assert.Equal(9, resumed.GetProperty("steps").GetInt32());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "log.csv")).Length); // header and three epochs
    }

    [Fact]
    public void Training_from_an_exported_package_with_a_frozen_encoder_gives_a_package_that_validates()
    {
        var run = PathOf("tuned");
        var report = TrainedRunFixture.Json(Train("--images", fixture.Images, "--labels", fixture.Labels, "--from", fixture.Package, "--freeze-encoder", "--out", run, "--epochs", "1", "--json"));
        Assert.Equal(1, report.GetProperty("epochs").GetInt32());
        TrainedRunFixture.Json(CliRunner.Run("export", run, "--out", PathOf("tuned.zip"), "--json"));
        Assert.Equal("passed", TrainedRunFixture.Json(CliRunner.Run("validate", PathOf("tuned.zip"), "--json")).GetProperty("status").GetString());
    }

    [Fact]
    public void An_anisotropic_3d_run_on_tiny_stacks_trains_and_exports_a_package_that_validates()
    {
        var images = PathOf("stacks");
        var labels = PathOf("stack-labels");
        DiscImages.Write(images, labels, count: 3, depth: 8, extension: "tif");
        var run = PathOf("run3d");
        var report = TrainedRunFixture.Json(CliRunner.Run("train", "--images", images, "--labels", labels, "--arch", "unet3d-aniso", "--out", run,
            "--depth", "1", "--filters", "4", "--patch", "4x16x16", "--batch", "2", "--epochs", "1", "--steps-per-epoch", "2", "--threads", "1", "--json"));
        Assert.Equal(1, report.GetProperty("epochs").GetInt32());
        TrainedRunFixture.Json(CliRunner.Run("export", run, "--out", PathOf("3d.zip"), "--json"));
        var validation = TrainedRunFixture.Json(CliRunner.Run("validate", PathOf("3d.zip"), "--json"));
        Assert.Equal("passed", validation.GetProperty("status").GetString());
        Assert.True(validation.GetProperty("reproduction_run").GetBoolean());
    }

    [Theory]
    [InlineData("missing-images", "--images")]
    [InlineData("unknown-arch", "unet4d")]
    [InlineData("zero-patch", "--patch '0'")]
    [InlineData("epochs-and-minutes", "give --epochs or --minutes, not both")]
    [InlineData("no-duration", "give --epochs N or --minutes M")]
    [InlineData("existing-run", "already holds a training run")]
    public void Train_usage_errors_exit_2_with_one_line(string mistake, string expected)
    {
        string[] data = ["--images", fixture.Images, "--labels", fixture.Labels];
        string[] args = mistake switch
        {
            "missing-images" => ["--labels", fixture.Labels, "--arch", "unet2d", "--out", PathOf("r"), "--epochs", "1"],
            "unknown-arch" => [.. data, "--arch", "unet4d", "--out", PathOf("r"), "--epochs", "1"],
            "zero-patch" => [.. data, "--arch", "unet2d", "--out", PathOf("r"), "--epochs", "1", "--patch", "0"],
            "epochs-and-minutes" => [.. data, "--arch", "unet2d", "--out", PathOf("r"), "--epochs", "1", "--minutes", "1"],
            "no-duration" => [.. data, "--arch", "unet2d", "--out", PathOf("r")],
            _ => [.. data, "--arch", "unet2d", "--out", fixture.Run, "--epochs", "1"],
        };
        var result = CliRunner.Run(["train", .. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Empty(result.Stdout);
        Assert.False(mistake != "existing-run" && Directory.Exists(PathOf("r")), "a failed start left a run folder");
    }

    [Fact]
    public void Export_of_a_folder_that_is_not_a_run_or_of_an_unknown_checkpoint_exits_2_with_one_line()
    {
        var notRun = CliRunner.Run("export", _folder, "--out", PathOf("m.zip"));
        var otherCheckpoint = CliRunner.Run("export", fixture.Run, "--out", PathOf("m.zip"), "--checkpoint", "other");

        Assert.Equal(2, notRun.ExitCode);
        Assert.Contains(_folder, notRun.Stderr);
        Assert.Single(notRun.Stderr.Trim().Split('\n'));
        Assert.Equal(2, otherCheckpoint.ExitCode);
        Assert.Contains("--checkpoint must be best or last, not 'other'", otherCheckpoint.Stderr);
        Assert.Single(otherCheckpoint.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(PathOf("m.zip")));
    }
}
