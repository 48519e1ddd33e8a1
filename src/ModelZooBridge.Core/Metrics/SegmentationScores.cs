namespace ModelZooBridge.Metrics;

/// <summary>Per-class IoU, Dice (F1), precision and recall plus pixel accuracy, either of one confusion matrix or averaged over images.</summary>
/// <param name="PixelAccuracy">Correct pixels over counted pixels (NaN when nothing was counted).</param>
/// <param name="Iou">IoU per class.</param>
/// <param name="Dice">Dice (F1) per class.</param>
/// <param name="Precision">Precision per class.</param>
/// <param name="Recall">Recall per class.</param>
public sealed record SegmentationScores(double PixelAccuracy, double[] Iou, double[] Dice, double[] Precision, double[] Recall)
{
    /// <summary>The number of classes scored.</summary>
    public int ClassCount => Iou.Length;

    /// <summary>Mean IoU over the classes where it is defined.</summary>
    public double MeanIou => NanMean(Iou);

    /// <summary>Mean Dice over the classes where it is defined.</summary>
    public double MeanDice => NanMean(Dice);

    /// <summary>The scores of one confusion matrix.</summary>
    public static SegmentationScores Of(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.ClassCount;
        var classes = Enumerable.Range(0, n).Select(k => ClassScores.Of(matrix, k)).ToArray();
        long total = matrix.Total;
        return new SegmentationScores(
            total == 0 ? double.NaN : (double)matrix.Correct / total,
            [.. classes.Select(c => c.Iou)],
            [.. classes.Select(c => c.Dice)],
            [.. classes.Select(c => c.Precision)],
            [.. classes.Select(c => c.Recall)]);
    }

    /// <summary>
    /// The mean of several images' scores, each score averaged over the images where it is defined
    /// (an image without a class does not pull that class's mean towards 0).
    /// </summary>
    public static SegmentationScores MeanOf(IReadOnlyList<SegmentationScores> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("no images to average", nameof(images));
        int n = images[0].ClassCount;
        if (images.Any(s => s.ClassCount != n))
            throw new ArgumentException($"images scored over different class counts ({string.Join(", ", images.Select(s => s.ClassCount).Distinct())})", nameof(images));
        double[] PerClass(Func<SegmentationScores, double[]> score) =>
            [.. Enumerable.Range(0, n).Select(k => NanMean(images.Select(s => score(s)[k])))];
        return new SegmentationScores(
            NanMean(images.Select(s => s.PixelAccuracy)),
            PerClass(s => s.Iou), PerClass(s => s.Dice), PerClass(s => s.Precision), PerClass(s => s.Recall));
    }

    private static double NanMean(IEnumerable<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
