using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>scale_range</c>: <c>(x - p_lo) / (p_hi - p_lo + eps)</c> with percentiles over <c>axes</c>.</summary>
/// <param name="Axes"><c>axes</c>; null when omitted.</param>
/// <param name="MinPercentile"><c>min_percentile</c> (default 0).</param>
/// <param name="MaxPercentile"><c>max_percentile</c> (default 100).</param>
/// <param name="Eps"><c>eps</c> (default 1e-6).</param>
/// <param name="ReferenceTensor"><c>reference_tensor</c> whose percentiles are used.</param>
public sealed record ScaleRangeDescr(EquatableArray<AxisId>? Axes = null, double MinPercentile = 0, double MaxPercentile = 100, double Eps = 1e-6, string? ReferenceTensor = null) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "scale_range";
}
