namespace ModelZooBridge.Spec;

/// <summary>A YAML boolean.</summary>
/// <param name="Value">The value.</param>
public sealed record SpecBool(bool Value) : SpecValue;
