namespace ModelZooBridge.Spec;

/// <summary><c>weights.tensorflow_js</c>.</summary>
/// <param name="Source"><c>source</c>: zip archive.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="TensorflowVersion"><c>tensorflow_version</c>.</param>
/// <param name="Authors"><c>authors</c>.</param>
/// <param name="Parent"><c>parent</c>.</param>
/// <param name="Comment"><c>comment</c>.</param>
public sealed record TensorflowJsWeightsDescr(string Source, string? Sha256, string TensorflowVersion,
    EquatableArray<Author> Authors = default, string? Parent = null, string? Comment = null)
    : WeightsEntryDescr(Source, Sha256, Authors, Parent, Comment)
{
    /// <inheritdoc/>
    public override string Format => "tensorflow_js";
}
