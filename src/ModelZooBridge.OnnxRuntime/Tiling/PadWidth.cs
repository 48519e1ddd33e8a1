namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Pixels added outside the sample before and after one axis of a block, like one entry of numpy's
/// <c>pad_width</c> (bioimage.io core's <c>PadWidth</c>).
/// </summary>
/// <param name="Before">Pixels before index 0.</param>
/// <param name="After">Pixels after the last index.</param>
public readonly record struct PadWidth(int Before, int After)
{
    /// <summary>True when nothing is padded.</summary>
    public bool IsZero => Before == 0 && After == 0;
}
