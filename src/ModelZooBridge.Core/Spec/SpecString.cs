namespace ModelZooBridge.Spec;

/// <summary>A YAML string.</summary>
/// <param name="Value">The text.</param>
public sealed record SpecString(string Value) : SpecValue;
