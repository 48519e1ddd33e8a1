namespace ModelZooBridge.Spec;

/// <summary>A fixed axis size (<c>size: 512</c>), at least 1.</summary>
/// <param name="Value">The size.</param>
public sealed record FixedSize(int Value) : AxisSize;
