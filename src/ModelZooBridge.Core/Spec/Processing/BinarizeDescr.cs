using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>binarize</c>: <c>x &gt; threshold</c>; <c>{threshold}</c> or per-axis <c>{threshold: [..], axis}</c>.</summary>
/// <param name="Threshold"><c>threshold</c>: one value, or one per element of <paramref name="Axis"/>.</param>
/// <param name="Axis"><c>axis</c> for per-axis thresholds; null for a scalar threshold.</param>
public sealed record BinarizeDescr(EquatableArray<double> Threshold, AxisId? Axis = null) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "binarize";
}
