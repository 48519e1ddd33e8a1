namespace ModelZooBridge.Spec;

/// <summary>Numeric <c>data: {type, range, unit, scale, offset}</c>.</summary>
/// <param name="Type"><c>type</c> (default <c>float32</c>).</param>
/// <param name="RangeMin"><c>range[0]</c>; null = unbounded.</param>
/// <param name="RangeMax"><c>range[1]</c>; null = unbounded.</param>
/// <param name="Unit"><c>unit</c> (default <c>arbitrary unit</c>).</param>
/// <param name="Scale"><c>scale</c> (default 1).</param>
/// <param name="Offset"><c>offset</c>.</param>
public sealed record IntervalOrRatioDataDescr(
    string Type = "float32", double? RangeMin = null, double? RangeMax = null, string Unit = IntervalOrRatioDataDescr.ArbitraryUnit,
    double Scale = 1.0, double? Offset = null) : TensorDataDescr(Type, Unit)
{
    /// <summary>The default <c>unit</c>.</summary>
    public const string ArbitraryUnit = "arbitrary unit";

    /// <summary>The 0.5 default <c>data</c>: float32, unbounded.</summary>
    public static readonly IntervalOrRatioDataDescr Default = new();
}
