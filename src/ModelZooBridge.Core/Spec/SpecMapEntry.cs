namespace ModelZooBridge.Spec;

/// <summary>One entry of a <see cref="SpecMap"/>.</summary>
/// <param name="Key">The key (non-string YAML keys are kept as their text).</param>
/// <param name="Value">The value.</param>
public sealed record SpecMapEntry(string Key, SpecValue Value);
