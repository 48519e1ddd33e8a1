using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>Mean over a dataset (here: over the reduced axes of the samples given).</summary>
public sealed record DatasetMean(string TensorId, EquatableArray<AxisId>? Axes) : Measure(TensorId, Axes)
{
    /// <inheritdoc/>
    public override bool IsDatasetScoped => true;
}
