using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>Percentile over the reduced axes of one sample, numpy's default <c>linear</c> method.</summary>
/// <param name="TensorId">The measured tensor.</param>
/// <param name="Axes">The reduced axes; <c>null</c> reduces all.</param>
/// <param name="Percent">The percentile in 0–100 (numpy <c>q = Percent / 100</c>).</param>
public sealed record SamplePercentile(string TensorId, EquatableArray<AxisId>? Axes, double Percent) : Measure(TensorId, Axes)
{
    /// <inheritdoc/>
    public override bool IsDatasetScoped => false;
}
