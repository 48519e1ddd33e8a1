namespace ModelZooBridge.Spec;

/// <summary>
/// <c>weights.pytorch_state_dict.architecture</c>: <see cref="ArchitectureFromFile"/> (<c>{source, sha256, callable, kwargs}</c>)
/// or <see cref="ArchitectureFromLibrary"/> (<c>{import_from, callable, kwargs}</c>).
/// </summary>
/// <param name="Callable"><c>callable</c>: the class or function name.</param>
/// <param name="Kwargs"><c>kwargs</c>.</param>
public abstract record ArchitectureDescr(string Callable, SpecMap Kwargs);
