namespace ModelZooBridge.Torch.Data;

/// <summary>The per-channel statistics both standardisations use (training data loading and package export).</summary>
internal static class IntensityStatistics
{
    /// <summary>Mean and population standard deviation (divisor n, as numpy's default and bioimage.io's), summed in double.</summary>
    public static (double Mean, double Std) MeanAndStd(ReadOnlySpan<float> values)
    {
        double sum = 0, squares = 0;
        foreach (float v in values)
        {
            sum += v;
            squares += (double)v * v;
        }
        double mean = sum / values.Length;
        return (mean, Math.Sqrt(Math.Max(0, squares / values.Length - mean * mean)));
    }
}
