namespace ModelZooBridge.Spec;

/// <summary>Fields shared by every entry of <c>weights</c>.</summary>
/// <param name="Source"><c>source</c>: weights file or URL.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="Authors"><c>authors</c> (trainer for the root entry, converter for children).</param>
/// <param name="Parent"><c>parent</c>: the weights format this entry was converted from.</param>
/// <param name="Comment"><c>comment</c> (0.5.4).</param>
public abstract record WeightsEntryDescr(string Source, string? Sha256, EquatableArray<Author> Authors, string? Parent, string? Comment)
{
    /// <summary>The key under <c>weights</c>, e.g. <c>onnx</c>.</summary>
    public abstract string Format { get; }
}
