using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>Mean over the reduced axes of one sample.</summary>
public sealed record SampleMean(string TensorId, EquatableArray<AxisId>? Axes) : Measure(TensorId, Axes)
{
    /// <inheritdoc/>
    public override bool IsDatasetScoped => false;
}
