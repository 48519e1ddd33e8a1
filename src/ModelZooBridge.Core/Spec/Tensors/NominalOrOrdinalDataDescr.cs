namespace ModelZooBridge.Spec;

/// <summary>Nominal/ordinal <c>data: {values, type, unit}</c>; string values label 0..N-1.</summary>
/// <param name="Values"><c>values</c>.</param>
/// <param name="Type"><c>type</c> (default <c>uint8</c>; <c>bool</c> allowed).</param>
/// <param name="Unit"><c>unit</c>.</param>
public sealed record NominalOrOrdinalDataDescr(EquatableArray<SpecValue> Values, string Type = "uint8", string? Unit = null) : TensorDataDescr(Type, Unit);
