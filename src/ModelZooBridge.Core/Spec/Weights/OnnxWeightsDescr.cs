namespace ModelZooBridge.Spec;

/// <summary><c>weights.onnx</c>.</summary>
/// <param name="Source"><c>source</c>.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="OpsetVersion"><c>opset_version</c> (≥ 7; 0.4 files without it are given 15).</param>
/// <param name="ExternalData"><c>external_data</c> (0.5.6).</param>
/// <param name="Authors"><c>authors</c>.</param>
/// <param name="Parent"><c>parent</c>.</param>
/// <param name="Comment"><c>comment</c>.</param>
public sealed record OnnxWeightsDescr(string Source, string? Sha256, int OpsetVersion, FileDescr? ExternalData = null,
    EquatableArray<Author> Authors = default, string? Parent = null, string? Comment = null)
    : WeightsEntryDescr(Source, Sha256, Authors, Parent, Comment)
{
    /// <inheritdoc/>
    public override string Format => "onnx";
}
