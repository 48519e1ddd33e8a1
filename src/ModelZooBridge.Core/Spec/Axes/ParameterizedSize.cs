namespace ModelZooBridge.Spec;

/// <summary><c>size: {min, step}</c>: valid sizes are <c>min + n*step</c> for n = 0, 1, 2, …</summary>
/// <param name="Min"><c>min</c> (&gt; 0).</param>
/// <param name="Step"><c>step</c> (&gt; 0).</param>
public sealed record ParameterizedSize(int Min, int Step) : AxisSize;
