namespace ModelZooBridge.Spec;

/// <summary>A referenced file (bioimage.io <c>FileDescr</c>): <c>{source, sha256}</c>.</summary>
/// <param name="Source"><c>source</c>: URL or path relative to the description's folder.</param>
/// <param name="Sha256"><c>sha256</c>: 64 lower-case hex digits, when declared.</param>
public sealed record FileDescr(string Source, string? Sha256 = null);
