using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>clip</c>: clamp to <c>[min, max]</c>, bounds given directly or as percentiles (0.5.7).</summary>
/// <param name="Min"><c>min</c>.</param>
/// <param name="Max"><c>max</c>.</param>
/// <param name="MinPercentile"><c>min_percentile</c>.</param>
/// <param name="MaxPercentile"><c>max_percentile</c>.</param>
/// <param name="Axes"><c>axes</c> for percentiles; null when omitted.</param>
public sealed record ClipDescr(double? Min = null, double? Max = null, double? MinPercentile = null, double? MaxPercentile = null, EquatableArray<AxisId>? Axes = null) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "clip";
}
