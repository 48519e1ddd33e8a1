namespace ModelZooBridge.Spec;

/// <summary><c>architecture: {source, sha256, callable, kwargs}</c> (0.4: <c>file.py:Callable</c> + <c>architecture_sha256</c>).</summary>
/// <param name="Source"><c>source</c>: the Python file.</param>
/// <param name="Sha256"><c>sha256</c>.</param>
/// <param name="Callable"><c>callable</c>.</param>
/// <param name="Kwargs"><c>kwargs</c>.</param>
public sealed record ArchitectureFromFile(string Source, string? Sha256, string Callable, SpecMap Kwargs) : ArchitectureDescr(Callable, Kwargs);
