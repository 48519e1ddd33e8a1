using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>fixed_zero_mean_unit_variance</c>: <c>(x - mean) / (std + eps)</c> with given statistics.</summary>
/// <param name="Mean"><c>mean</c>: one value, or one per element along <paramref name="Axis"/>.</param>
/// <param name="Std"><c>std</c>: same length as <paramref name="Mean"/>.</param>
/// <param name="Axis"><c>axis</c> for per-axis statistics; null for scalars.</param>
/// <param name="Eps"><c>eps</c> (default 1e-6).</param>
public sealed record FixedZeroMeanUnitVarianceDescr(EquatableArray<double> Mean, EquatableArray<double> Std, AxisId? Axis = null, double Eps = 1e-6) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "fixed_zero_mean_unit_variance";
}
