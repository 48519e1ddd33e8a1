namespace ModelZooBridge.Spec;

/// <summary><c>weights.pytorch_state_dict</c>.</summary>
/// <param name="Source"><c>source</c>.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="Architecture"><c>architecture</c>.</param>
/// <param name="PytorchVersion"><c>pytorch_version</c> (0.4 files without it are given 1.10).</param>
/// <param name="Dependencies"><c>dependencies</c>: conda environment file.</param>
/// <param name="Authors"><c>authors</c>.</param>
/// <param name="Parent"><c>parent</c>.</param>
/// <param name="Comment"><c>comment</c>.</param>
public sealed record PytorchStateDictWeightsDescr(string Source, string? Sha256, ArchitectureDescr Architecture, string PytorchVersion,
    FileDescr? Dependencies = null, EquatableArray<Author> Authors = default, string? Parent = null, string? Comment = null)
    : WeightsEntryDescr(Source, Sha256, Authors, Parent, Comment)
{
    /// <inheritdoc/>
    public override string Format => "pytorch_state_dict";
}
