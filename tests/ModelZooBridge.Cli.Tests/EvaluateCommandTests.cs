using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;

namespace ModelZooBridge.Tests;

/// <summary><c>mzb evaluate</c> on small hand-computed images: folders matched by name, the three output forms, and the exit-2 cases.</summary>
[Trait("Area", "Cli")]
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Folders_are_matched_by_name_and_scored_per_image_overall_and_on_average()
    {
        var (predictions, truths) = Folders();
        // a: a 0/255 mask against a one-channel probability map; b: labels against two-channel scores (argmax).
        ImageFiles.Write(Path.Combine(truths, "a.png"), Image<byte>([255, 255, 0, 0, 255, 0, 0, 0]));
        ImageFiles.Write(Path.Combine(predictions, "a.tif"), Image<float>([0.9f, 0.2f, 0.6f, 0.1f, 0.7f, 0.0f, 0.3f, 0.4f]));
        ImageFiles.Write(Path.Combine(truths, "b.tif"), Image<byte>([1, 1, 1, 1, 0, 0, 0, 0]));
        var scores = new NdArray<float>(new float[] { 0, 0, 0, 0, 1, 1, 1, 1, /* class 1: */ 1, 1, 1, 1, 0, 0, 0, 0 }, [2, 2, 4], [AxisId.Channel, AxisId.Y, AxisId.X]);
        ImageFiles.Write(Path.Combine(predictions, "b.tif"), scores);

        var json = CliRunner.Run("evaluate", "--prediction", predictions, "--truth", truths, "--json", "--classes", "background,nucleus");
        var tsv = CliRunner.Run("evaluate", "-p", predictions, "-t", truths, "--tsv");

        Assert.True(json.ExitCode == 0, json.Stderr);
        var report = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(["background", "nucleus"], report.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
        var a = report.GetProperty("images")[0];
        Assert.Equal("a", a.GetProperty("name").GetString());
        // a: truth 1 1 0 0 / 1 0 0 0, prediction 1 0 1 0 / 1 0 0 0 → class 1 IoU 2/4, accuracy 6/8.
        Assert.Equal(0.75, a.GetProperty("pixel_accuracy").GetDouble(), 12);
        Assert.Equal(0.5, a.GetProperty("per_class")[1].GetProperty("iou").GetDouble(), 12);
        Assert.Equal([[4, 1], [1, 2]], a.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt64()).ToArray()));
        Assert.Equal(1.0, report.GetProperty("images")[1].GetProperty("pixel_accuracy").GetDouble(), 12);
        // overall: summed matrices [[8, 1], [1, 6]]; mean over images: (0.75 + 1) / 2.
        Assert.Equal(14.0 / 16, report.GetProperty("overall").GetProperty("pixel_accuracy").GetDouble(), 12);
        Assert.Equal(6.0 / 8, report.GetProperty("overall").GetProperty("per_class")[1].GetProperty("iou").GetDouble(), 12);
        Assert.Equal(0.875, report.GetProperty("mean-over-images").GetProperty("pixel_accuracy").GetDouble(), 12);
        Assert.Equal((0.5 + 1.0) / 2, report.GetProperty("mean-over-images").GetProperty("per_class")[1].GetProperty("iou").GetDouble(), 12);

        Assert.True(tsv.ExitCode == 0, tsv.Stderr);
        var rows = tsv.Stdout.Trim().Split('\n');
        Assert.Equal("image\tclass\tiou\tdice\tprecision\trecall\tpixel_accuracy", rows[0]);
        Assert.Equal(1 + 2 * 4, rows.Length); // a, b, overall, mean-over-images × two classes
        Assert.Equal("overall\tclass1\t0.7500\t0.8571\t0.8571\t0.8571\t0.8750", rows[6]);
    }

    [Fact]
    public void The_table_shows_undefined_scores_as_n_a()
    {
        var (predictions, truths) = Folders();
        ImageFiles.Write(Path.Combine(truths, "a.tif"), Image<byte>([0, 0, 0, 0, 0, 0, 0, 0]));
        ImageFiles.Write(Path.Combine(predictions, "a.tif"), Image<byte>([0, 0, 0, 0, 0, 0, 0, 0]));

        var result = CliRunner.Run("evaluate", "--prediction", Path.Combine(predictions, "a.tif"), "--truth", Path.Combine(truths, "a.tif"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Trim().Split('\n');
        Assert.StartsWith("image", lines[0]);
        Assert.Matches(@"^a\s+class1\s+n/a\s+n/a\s+n/a\s+n/a\s+1\.0000$", lines[3]);
        Assert.Matches(@"^overall\s+class0\s+1\.0000", lines[4]);
    }

    [Fact]
    public void A_raw_npy_model_output_needs_its_axes_named_and_ignored_truth_pixels_are_not_counted()
    {
        var prediction = Path.Combine(_folder, "raw.npy");
        var truth = Path.Combine(_folder, "truth.tif");
        // bcyx scores whose argmax is 1 1 1 1 / 0 0 0 0; the truth marks two pixels 7 (unlabelled), one of them a mistake.
        NpyFile.Write(prediction, new NdArray<float>(new float[] { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 }, [1, 2, 2, 4], [AxisId.Batch, AxisId.Channel, AxisId.Y, AxisId.X]));
        ImageFiles.Write(truth, Image<byte>([1, 1, 7, 1, 0, 0, 0, 7]));

        var unnamed = CliRunner.Run("evaluate", "-p", prediction, "-t", truth);
        var named = CliRunner.Run("evaluate", "-p", prediction, "-t", truth, "--axes", "bcyx", "--ignore", "7", "--json");

        Assert.Equal(2, unnamed.ExitCode);
        Assert.EndsWith("shapes differ: prediction 2×2×4 (zyx), truth 2×4 (yx)", unnamed.Stderr.Trim());
        Assert.True(named.ExitCode == 0, named.Stderr);
        var image = JsonDocument.Parse(named.Stdout).RootElement.GetProperty("images")[0];
        Assert.Equal(6, image.GetProperty("pixels").GetInt64());
        Assert.Equal(1.0, image.GetProperty("pixel_accuracy").GetDouble());
    }

    [Theory]
    [InlineData("missing-truth")]
    [InlineData("missing-prediction")]
    [InlineData("shape")]
    public void A_missing_counterpart_or_a_shape_mismatch_exits_2_naming_the_files(string problem)
    {
        var (predictions, truths) = Folders();
        ImageFiles.Write(Path.Combine(predictions, "a.tif"), Image<byte>([0, 1, 0, 1, 0, 1, 0, 1]));
        ImageFiles.Write(Path.Combine(truths, "a.tif"), problem == "shape"
            ? new NdArray<byte>(new byte[6], [2, 3], [AxisId.Y, AxisId.X])
            : Image<byte>([0, 1, 0, 1, 0, 1, 0, 1]));
        if (problem == "missing-truth") ImageFiles.Write(Path.Combine(predictions, "extra.tif"), Image<byte>(new byte[8]));
        if (problem == "missing-prediction") ImageFiles.Write(Path.Combine(truths, "extra.npy"), Image<byte>(new byte[8]));

        var result = CliRunner.Run("evaluate", "--prediction", predictions, "--truth", truths);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal("", result.Stdout);
        var expected = problem switch
        {
            "missing-truth" => $"mzb: error: {Path.Combine(predictions, "extra.tif")}: no truth named extra.* in {truths}",
            "missing-prediction" => $"mzb: error: {Path.Combine(truths, "extra.npy")}: no prediction named extra.* in {predictions}",
            _ => $"mzb: error: {Path.Combine(predictions, "a.tif")} vs {Path.Combine(truths, "a.tif")}: shapes differ: prediction 2×4 (yx), truth 2×3 (yx)",
        };
        Assert.Equal(expected, result.Stderr.Trim());
    }

    private (string Predictions, string Truths) Folders() =>
        (Directory.CreateDirectory(Path.Combine(_folder, "predictions")).FullName, Directory.CreateDirectory(Path.Combine(_folder, "truths")).FullName);

    private static NdArray<T> Image<T>(T[] values) where T : unmanaged => new(values, [2, 4], [AxisId.Y, AxisId.X]);
}
