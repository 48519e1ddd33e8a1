namespace ModelZooBridge.Spec;

/// <summary><c>parent</c>: a link to another bioimage.io model, <c>{id, version}</c> (0.4: <c>version_number</c>).</summary>
/// <param name="Id"><c>id</c> of the linked resource.</param>
/// <param name="Version"><c>version</c>, as written (text).</param>
public sealed record LinkedModel(string Id, string? Version = null);
