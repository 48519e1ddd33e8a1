namespace ModelZooBridge.Spec;

/// <summary><c>run_mode: {name, kwargs}</c> (only <c>deepimagej</c> is known).</summary>
/// <param name="Name"><c>name</c>.</param>
/// <param name="Kwargs"><c>kwargs</c>.</param>
public sealed record RunMode(string Name, SpecMap Kwargs);
