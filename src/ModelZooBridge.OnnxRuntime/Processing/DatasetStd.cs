using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>Population standard deviation over a dataset.</summary>
public sealed record DatasetStd(string TensorId, EquatableArray<AxisId>? Axes) : Measure(TensorId, Axes)
{
    /// <inheritdoc/>
    public override bool IsDatasetScoped => true;
}
