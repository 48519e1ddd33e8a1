namespace ModelZooBridge.Spec;

/// <summary><c>weights.tensorflow_saved_model_bundle</c>.</summary>
/// <param name="Source"><c>source</c>: zip of the SavedModel folder.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="TensorflowVersion"><c>tensorflow_version</c>.</param>
/// <param name="Dependencies"><c>dependencies</c>: conda environment file.</param>
/// <param name="Authors"><c>authors</c>.</param>
/// <param name="Parent"><c>parent</c>.</param>
/// <param name="Comment"><c>comment</c>.</param>
public sealed record TensorflowSavedModelBundleWeightsDescr(string Source, string? Sha256, string TensorflowVersion,
    FileDescr? Dependencies = null, EquatableArray<Author> Authors = default, string? Parent = null, string? Comment = null)
    : WeightsEntryDescr(Source, Sha256, Authors, Parent, Comment)
{
    /// <inheritdoc/>
    public override string Format => "tensorflow_saved_model_bundle";
}
