namespace ModelZooBridge.Spec;

/// <summary><c>weights.keras_hdf5</c>.</summary>
/// <param name="Source"><c>source</c>.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="TensorflowVersion"><c>tensorflow_version</c> (0.4 files without it are given 1.15).</param>
/// <param name="Authors"><c>authors</c>.</param>
/// <param name="Parent"><c>parent</c>.</param>
/// <param name="Comment"><c>comment</c>.</param>
public sealed record KerasHdf5WeightsDescr(string Source, string? Sha256, string TensorflowVersion,
    EquatableArray<Author> Authors = default, string? Parent = null, string? Comment = null)
    : WeightsEntryDescr(Source, Sha256, Authors, Parent, Comment)
{
    /// <inheritdoc/>
    public override string Format => "keras_hdf5";
}
