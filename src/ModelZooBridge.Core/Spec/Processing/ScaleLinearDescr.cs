using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>scale_linear</c>: <c>x * gain + offset</c>.</summary>
/// <param name="Gain"><c>gain</c>: one value, or one per element along <paramref name="Axis"/>.</param>
/// <param name="Offset"><c>offset</c>: same length as <paramref name="Gain"/>.</param>
/// <param name="Axis"><c>axis</c> for per-axis values; null for scalars.</param>
public sealed record ScaleLinearDescr(EquatableArray<double> Gain, EquatableArray<double> Offset, AxisId? Axis = null) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "scale_linear";
}
