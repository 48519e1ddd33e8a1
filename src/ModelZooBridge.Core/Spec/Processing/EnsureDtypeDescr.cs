namespace ModelZooBridge.Spec;

/// <summary><c>ensure_dtype</c>: cast to <c>dtype</c>.</summary>
/// <param name="Dtype"><c>dtype</c>, e.g. <c>float32</c>.</param>
public sealed record EnsureDtypeDescr(string Dtype) : ProcessingDescr
{
    /// <inheritdoc/>
    public override string Id => "ensure_dtype";
}
