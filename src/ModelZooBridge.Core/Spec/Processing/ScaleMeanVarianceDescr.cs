using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>scale_mean_variance</c>: match mean and variance of <c>reference_tensor</c>.</summary>
/// <param name="ReferenceTensor"><c>reference_tensor</c>.</param>
/// <param name="Axes"><c>axes</c>; null when omitted.</param>
/// <param name="Eps"><c>eps</c> (default 1e-6).</param>
public sealed record ScaleMeanVarianceDescr(string ReferenceTensor, EquatableArray<AxisId>? Axes = null, double Eps = 1e-6) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "scale_mean_variance";
}
