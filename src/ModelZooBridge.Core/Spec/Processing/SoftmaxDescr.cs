using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>softmax</c> along <c>axis</c> (0.5.5).</summary>
/// <param name="Axis"><c>axis</c> (default <c>channel</c>).</param>
public sealed record SoftmaxDescr(AxisId Axis) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "softmax";
}
