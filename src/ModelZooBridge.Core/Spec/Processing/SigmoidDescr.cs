namespace ModelZooBridge.Spec;

/// <summary><c>sigmoid</c>: <c>1 / (1 + exp(-x))</c>.</summary>
public sealed record SigmoidDescr : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "sigmoid";
}
