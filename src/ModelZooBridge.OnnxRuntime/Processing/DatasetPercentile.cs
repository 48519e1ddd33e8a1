using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>Percentile over a dataset (numpy <c>linear</c> method over the samples given).</summary>
/// <param name="TensorId">The measured tensor.</param>
/// <param name="Axes">The reduced axes; <c>null</c> reduces all.</param>
/// <param name="Percent">The percentile in 0–100.</param>
public sealed record DatasetPercentile(string TensorId, EquatableArray<AxisId>? Axes, double Percent) : Measure(TensorId, Axes)
{
    /// <inheritdoc/>
    public override bool IsDatasetScoped => true;
}
