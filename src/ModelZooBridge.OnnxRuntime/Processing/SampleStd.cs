using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>Population standard deviation (ddof 0) over the reduced axes of one sample.</summary>
public sealed record SampleStd(string TensorId, EquatableArray<AxisId>? Axes) : Measure(TensorId, Axes)
{
    /// <inheritdoc/>
    public override bool IsDatasetScoped => false;
}
