namespace ModelZooBridge.Spec;

/// <summary>A YAML integer that fits 64 bits.</summary>
/// <param name="Value">The value.</param>
public sealed record SpecInt(long Value) : SpecValue;
