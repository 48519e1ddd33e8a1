namespace ModelZooBridge.Spec;

/// <summary>A YAML sequence.</summary>
/// <param name="Items">The elements in order.</param>
public sealed record SpecList(EquatableArray<SpecValue> Items) : SpecValue;
