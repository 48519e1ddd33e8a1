namespace ModelZooBridge.Spec;

/// <summary>
/// A tensor's <c>data</c>: <see cref="IntervalOrRatioDataDescr"/> (numeric, the default) or
/// <see cref="NominalOrOrdinalDataDescr"/> (<c>values</c> given).
/// </summary>
/// <param name="Type"><c>type</c>: numpy dtype name (<c>float32</c>, <c>uint8</c>, …, <c>bool</c> for nominal data).</param>
/// <param name="Unit"><c>unit</c>, when given.</param>
public abstract record TensorDataDescr(string Type, string? Unit)
{
    /// <summary>The dtype names allowed by format 0.5 for numeric data.</summary>
    public static readonly EquatableArray<string> NumericTypes = EquatableArray.Create(
        "float32", "float64", "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64");
}
