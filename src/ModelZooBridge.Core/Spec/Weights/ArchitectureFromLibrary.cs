namespace ModelZooBridge.Spec;

/// <summary><c>architecture: {import_from, callable, kwargs}</c> (0.4: <c>pkg.module.Callable</c>).</summary>
/// <param name="ImportFrom"><c>import_from</c>: the Python module.</param>
/// <param name="Callable"><c>callable</c>.</param>
/// <param name="Kwargs"><c>kwargs</c>.</param>
public sealed record ArchitectureFromLibrary(string ImportFrom, string Callable, SpecMap Kwargs) : ArchitectureDescr(Callable, Kwargs);
