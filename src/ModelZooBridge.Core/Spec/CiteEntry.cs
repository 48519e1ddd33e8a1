namespace ModelZooBridge.Spec;

/// <summary>An entry of <c>cite</c>: <c>{text, doi, url}</c>.</summary>
/// <param name="Text"><c>text</c> (required).</param>
/// <param name="Doi"><c>doi</c>, e.g. <c>10.1007/978-3-319-24574-4_28</c>.</param>
/// <param name="Url"><c>url</c>.</param>
public sealed record CiteEntry(string Text, string? Doi = null, string? Url = null);
