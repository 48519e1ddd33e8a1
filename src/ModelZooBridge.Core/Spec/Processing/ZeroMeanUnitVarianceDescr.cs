using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>zero_mean_unit_variance</c> with statistics computed over <c>axes</c>.</summary>
/// <param name="Axes"><c>axes</c>; null when omitted (all axes, dataset statistics).</param>
/// <param name="Eps"><c>eps</c> (0 &lt; eps ≤ 0.1, default 1e-6).</param>
public sealed record ZeroMeanUnitVarianceDescr(EquatableArray<AxisId>? Axes = null, double Eps = 1e-6) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "zero_mean_unit_variance";
}
