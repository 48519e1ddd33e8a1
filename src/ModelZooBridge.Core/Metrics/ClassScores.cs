namespace ModelZooBridge.Metrics;

/// <summary>
/// One class's scores. A score whose denominator is zero (the class is absent from both truth and prediction,
/// or never predicted for precision) is <see cref="double.NaN"/>: undefined, not 0 or 1.
/// </summary>
/// <param name="TruePositives">Pixels of the class predicted as the class.</param>
/// <param name="FalsePositives">Pixels of other classes predicted as the class.</param>
/// <param name="FalseNegatives">Pixels of the class predicted as another class.</param>
public readonly record struct ClassScores(long TruePositives, long FalsePositives, long FalseNegatives)
{
    /// <summary>Pixels of the class in the truth.</summary>
    public long Support => TruePositives + FalseNegatives;

    /// <summary>Intersection over union (Jaccard): TP / (TP + FP + FN).</summary>
    public double Iou => Ratio(TruePositives, TruePositives + FalsePositives + FalseNegatives);

    /// <summary>F1 score, equal to the Dice coefficient: 2TP / (2TP + FP + FN).</summary>
    public double Dice => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>TP / (TP + FP).</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN).</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>The scores of class <paramref name="k"/> from a confusion matrix.</summary>
    public static ClassScores Of(ConfusionMatrix matrix, int k)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        long tp = matrix[k, k], fp = 0, fn = 0;
        for (int other = 0; other < matrix.ClassCount; other++)
        {
            if (other == k) continue;
            fp += matrix[other, k];
            fn += matrix[k, other];
        }
        return new ClassScores(tp, fp, fn);
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
