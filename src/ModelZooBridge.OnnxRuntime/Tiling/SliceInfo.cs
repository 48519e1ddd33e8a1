namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// A half-open range <c>[Start, Stop)</c> along one axis, like a Python slice with step 1
/// (bioimage.io core's <c>SliceInfo(start, stop)</c>).
/// </summary>
/// <param name="Start">First index (inclusive).</param>
/// <param name="Stop">End index (exclusive); not less than <paramref name="Start"/>.</param>
public readonly record struct SliceInfo(int Start, int Stop)
{
    /// <summary>Number of indices in the range.</summary>
    public int Length => Stop - Start;

    /// <inheritdoc/>
    public override string ToString() => $"{Start}:{Stop}";
}
