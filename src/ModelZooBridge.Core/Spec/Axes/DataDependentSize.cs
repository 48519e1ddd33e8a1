namespace ModelZooBridge.Spec;

/// <summary><c>size: {min, max}</c>: known only after inference (output index axes).</summary>
/// <param name="Min"><c>min</c> (≥ 1, default 1).</param>
/// <param name="Max"><c>max</c> (null = unbounded).</param>
public sealed record DataDependentSize(int Min = 1, int? Max = null) : AxisSize;
