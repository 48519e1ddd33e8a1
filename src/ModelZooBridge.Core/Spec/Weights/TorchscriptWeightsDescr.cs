namespace ModelZooBridge.Spec;

/// <summary><c>weights.torchscript</c>.</summary>
/// <param name="Source"><c>source</c>.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="PytorchVersion"><c>pytorch_version</c>.</param>
/// <param name="Authors"><c>authors</c>.</param>
/// <param name="Parent"><c>parent</c>.</param>
/// <param name="Comment"><c>comment</c>.</param>
public sealed record TorchscriptWeightsDescr(string Source, string? Sha256, string PytorchVersion,
    EquatableArray<Author> Authors = default, string? Parent = null, string? Comment = null)
    : WeightsEntryDescr(Source, Sha256, Authors, Parent, Comment)
{
    /// <inheritdoc/>
    public override string Format => "torchscript";
}
