namespace ModelZooBridge.Metrics;

/// <summary>
/// The scores of a set of images: each image's, overall (from the summed confusion matrices, so large images
/// weigh more) and the mean over images (each image weighs the same). All are over the same classes.
/// </summary>
public sealed class EvaluationSummary
{
    private EvaluationSummary(IReadOnlyList<string> names, IReadOnlyList<ConfusionMatrix> matrices, ConfusionMatrix overall)
    {
        ImageNames = names;
        Matrices = matrices;
        OverallMatrix = overall;
        PerImage = [.. matrices.Select(SegmentationScores.Of)];
        Overall = SegmentationScores.Of(overall);
        MeanOverImages = SegmentationScores.MeanOf(PerImage);
    }

    /// <summary>The number of classes scored.</summary>
    public int ClassCount => OverallMatrix.ClassCount;

    /// <summary>The images' names, in the order given.</summary>
    public IReadOnlyList<string> ImageNames { get; }

    /// <summary>Each image's confusion matrix, widened to <see cref="ClassCount"/>.</summary>
    public IReadOnlyList<ConfusionMatrix> Matrices { get; }

    /// <summary>The sum of the images' confusion matrices.</summary>
    public ConfusionMatrix OverallMatrix { get; }

    /// <summary>Each image's scores.</summary>
    public IReadOnlyList<SegmentationScores> PerImage { get; }

    /// <summary>The scores of the summed confusion matrix.</summary>
    public SegmentationScores Overall { get; }

    /// <summary>Each score averaged over the images where it is defined.</summary>
    public SegmentationScores MeanOverImages { get; }

    /// <summary>Summarises named image matrices (copied; the arguments are not changed).</summary>
    /// <param name="images">Name and confusion matrix per image; at least one.</param>
    /// <param name="classCount">The number of classes when known (at least 2, e.g. from class names); null uses the highest label seen plus one, at least 2.</param>
    /// <exception cref="ArgumentException">When an image has a label at or above <paramref name="classCount"/>.</exception>
    public static EvaluationSummary Of(IReadOnlyList<(string Name, ConfusionMatrix Matrix)> images, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("no images to summarise", nameof(images));
        var seen = Math.Max(2, images.Max(i => HighestLabel(i.Matrix) + 1));
        if (classCount is int fixedCount)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fixedCount, 2, nameof(classCount));
            var offender = images.FirstOrDefault(i => HighestLabel(i.Matrix) >= fixedCount);
            if (offender.Matrix is not null)
                throw new ArgumentException($"{offender.Name}: holds label {HighestLabel(offender.Matrix)}, but only {fixedCount} classes were named");
        }
        int n = classCount ?? seen;
        var matrices = images.Select(i =>
        {
            var copy = i.Matrix.Clone();
            copy.GrowTo(n);
            return copy;
        }).ToList();
        var overall = new ConfusionMatrix(n);
        foreach (var m in matrices) overall.Add(m);
        return new EvaluationSummary([.. images.Select(i => i.Name)], matrices, overall);
    }

    /// <summary>The highest class that occurs in the truth or the prediction; −1 for an empty matrix.</summary>
    private static int HighestLabel(ConfusionMatrix matrix)
    {
        for (int k = matrix.ClassCount - 1; k >= 0; k--)
        {
            for (int other = 0; other < matrix.ClassCount; other++)
            {
                if (matrix[k, other] != 0 || matrix[other, k] != 0) return k;
            }
        }
        return -1;
    }
}
