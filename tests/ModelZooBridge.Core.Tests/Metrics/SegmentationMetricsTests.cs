using System.Globalization;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Metrics;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Metrics;

/// <summary>Confusion matrices and scores against numpy (independent formulas) and small hand-computed cases.</summary>
[Trait("Area", "Metrics")]
public sealed class SegmentationMetricsTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Hand_computed_binary_case()
    {
        // truth    1 1 0 0 / 1 0 0 0      prediction 1 0 1 0 / 1 0 0 0
        // class 1: TP 2, FP 1, FN 1 → IoU 2/4, Dice 4/6, precision 2/3, recall 2/3; class 0: TP 4, FP 1, FN 1 → IoU 4/6
        var truth = Labels([1, 1, 0, 0, 1, 0, 0, 0], 2, 4);
        var prediction = Labels([1, 0, 1, 0, 1, 0, 0, 0], 2, 4);

        var scores = SegmentationScores.Of(new SegmentationEvaluator().Compare(prediction, truth));

        Assert.Equal(6.0 / 8, scores.PixelAccuracy, 12);
        Assert.Equal([4.0 / 6, 2.0 / 4], scores.Iou);
        Assert.Equal([8.0 / 10, 4.0 / 6], scores.Dice);
        Assert.Equal([4.0 / 5, 2.0 / 3], scores.Precision);
        Assert.Equal([4.0 / 5, 2.0 / 3], scores.Recall);
    }

    [Fact]
    public void A_0_255_mask_is_classes_0_and_1_and_the_ignore_value_is_left_out()
    {
        var truth = Labels([255, 255, 0, 7, 0, 255], 2, 3);
        var prediction = Labels([1, 0, 0, 1, 1, 1], 2, 3);

        var matrix = new SegmentationEvaluator(ignoreValue: 7).Compare(prediction, truth);

        Assert.Equal(2, matrix.ClassCount);
        Assert.Equal(5, matrix.Total); // the pixel marked 7 is not counted
        Assert.Equal([1, 1, 1, 2], new[] { matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1] });
    }

    [Fact]
    public void Probabilities_with_channels_take_the_argmax_and_one_channel_is_thresholded_at_one_half()
    {
        var truth = Labels([0, 1, 2, 2], 2, 2);
        // Channel-first scores (c=3, y=2, x=2): argmax per pixel is 0, 1, 2, 1.
        var scores = new NdArray<float>(new float[] { 0.9f, 0.1f, 0.0f, 0.2f, 0.1f, 0.8f, 0.1f, 0.5f, 0.0f, 0.1f, 0.9f, 0.3f }, [3, 2, 2], [AxisId.Channel, AxisId.Y, AxisId.X]);
        var argmax = new SegmentationEvaluator().Compare(scores.ExpandDims(AxisId.Batch, 0), truth);
        Assert.Equal(3, argmax.Correct);
        Assert.Equal(1, argmax[2, 1]);

        var probability = new NdArray<float>(new float[] { 0.2f, 0.5f, 0.7f, 0.49f }, [2, 2], [AxisId.Y, AxisId.X]);
        var thresholded = new SegmentationEvaluator().Compare(probability, Labels([0, 1, 1, 1], 2, 2));
        Assert.Equal([1, 0, 1, 2], new[] { thresholded[0, 0], thresholded[0, 1], thresholded[1, 0], thresholded[1, 1] });
    }

    [Fact]
    public void A_class_absent_from_truth_and_prediction_has_undefined_scores_which_the_mean_skips()
    {
        var image = new SegmentationEvaluator().Compare(Labels([0, 0, 1, 1], 2, 2), Labels([0, 0, 1, 0], 2, 2));
        var withoutClass2 = EvaluationSummary.Of([("a", image)], classCount: 3);

        Assert.True(double.IsNaN(withoutClass2.Overall.Iou[2]));
        Assert.True(double.IsNaN(withoutClass2.Overall.Precision[2]));
        Assert.Equal((2.0 / 3 + 1.0 / 2) / 2, withoutClass2.Overall.MeanIou, 12);
    }

    [Fact]
    public void Labels_beyond_the_named_classes_and_mismatched_shapes_are_refused()
    {
        var image = new SegmentationEvaluator().Compare(Labels([0, 2], 1, 2), Labels([0, 1], 1, 2));
        var beyond = Assert.Throws<ArgumentException>(() => EvaluationSummary.Of([("a", image)], classCount: 2));
        Assert.Contains("a: holds label 2", beyond.Message);

        var mismatch = Assert.Throws<ArgumentException>(() => new SegmentationEvaluator().Compare(Labels([0, 1, 0], 1, 3), Labels([0, 1], 1, 2)));
        Assert.Contains("shapes differ: prediction 1×3 (yx), truth 1×2 (yx)", mismatch.Message);
        Assert.Throws<ArgumentException>(() => new SegmentationEvaluator().Compare(Labels([0, 1], 1, 2), Labels([0, 1.5], 1, 2)));
    }

    [Fact]
    public void Per_image_overall_and_mean_over_images_match_numpy()
    {
        var random = new Random(5);
        var images = new List<(string, ConfusionMatrix)>();
        var evaluator = new SegmentationEvaluator(ignoreValue: 9);
        for (int i = 0; i < 3; i++)
        {
            int height = 17 + 5 * i, width = 23;
            var truth = Labels([.. Enumerable.Range(0, height * width).Select(_ => random.Next(10) == 0 ? 9.0 : random.Next(3))], height, width);
            // Logits of 3 classes, channel-first; the truth and logits are handed to numpy through .npy files.
            var logits = new NdArray<float>(Enumerable.Range(0, 3 * height * width).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray(), [3, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]);
            NpyFile.Write(Path.Combine(_folder, $"truth{i}.npy"), truth);
            NpyFile.Write(Path.Combine(_folder, $"logits{i}.npy"), logits);
            images.Add(($"image{i}", evaluator.Compare(logits, truth)));
        }
        var summary = EvaluationSummary.Of(images);

        var oracle = JsonDocument.Parse(ExternalTool.RunPython(NumpyOracle, _folder, "3")).RootElement;
        for (int i = 0; i < 3; i++) AssertScores(oracle.GetProperty("images")[i], summary.PerImage[i]);
        AssertScores(oracle.GetProperty("overall"), summary.Overall);
        AssertScores(oracle.GetProperty("mean"), summary.MeanOverImages);
    }

    /// <summary>Scores computed from the definitions with numpy: masks and counts, not a confusion matrix.</summary>
    private const string NumpyOracle = """
        import json, sys, numpy as np
        folder, n = sys.argv[1], int(sys.argv[2])
        def scores(t, p):
            keep = t != 9
            t, p = t[keep], p[keep]
            out = {"accuracy": float(np.mean(t == p)), "iou": [], "dice": [], "precision": [], "recall": []}
            for k in range(3):
                tp = np.sum((t == k) & (p == k)); fp = np.sum((t != k) & (p == k)); fn = np.sum((t == k) & (p != k))
                div = lambda a, b: float(a / b) if b else None
                out["iou"].append(div(tp, tp + fp + fn)); out["dice"].append(div(2 * tp, 2 * tp + fp + fn))
                out["precision"].append(div(tp, tp + fp)); out["recall"].append(div(tp, tp + fn))
            return out
        pairs = [(np.load(f"{folder}/truth{i}.npy").ravel(), np.argmax(np.load(f"{folder}/logits{i}.npy"), axis=0).ravel()) for i in range(n)]
        images = [scores(t, p) for t, p in pairs]
        overall = scores(np.concatenate([t for t, _ in pairs]), np.concatenate([p for _, p in pairs]))
        def nanmean(values):
            values = [v for v in values if v is not None]
            return sum(values) / len(values) if values else None
        mean = {"accuracy": nanmean([s["accuracy"] for s in images])}
        for key in ["iou", "dice", "precision", "recall"]:
            mean[key] = [nanmean([s[key][k] for s in images]) for k in range(3)]
        print(json.dumps({"images": images, "overall": overall, "mean": mean}))
        """;

    private static void AssertScores(JsonElement expected, SegmentationScores actual)
    {
        Assert.Equal(expected.GetProperty("accuracy").GetDouble(), actual.PixelAccuracy, 12);
        foreach (var (key, values) in new[] { ("iou", actual.Iou), ("dice", actual.Dice), ("precision", actual.Precision), ("recall", actual.Recall) })
        {
            var oracle = expected.GetProperty(key).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
            Assert.Equal(oracle.Length, values.Length);
            for (int k = 0; k < oracle.Length; k++)
                Assert.True(double.IsNaN(oracle[k]) ? double.IsNaN(values[k]) : Math.Abs(oracle[k] - values[k]) < 1e-12,
                    $"{key}[{k}]: numpy {oracle[k].ToString(CultureInfo.InvariantCulture)}, ours {values[k].ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static NdArray<double> Labels(double[] values, int height, int width) => new(values, [height, width], [AxisId.Y, AxisId.X]);
}
