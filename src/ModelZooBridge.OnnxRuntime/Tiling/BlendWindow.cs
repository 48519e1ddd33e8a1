namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// A separable blending window for overlapping blocks: along each axis a raised-cosine ramp over the overlap with
/// each neighbouring block, flat (1) elsewhere. A side with no neighbour (the sample border) has no ramp, so the
/// weight there is 1 and never zero. Ramp values are <c>½ − ½·cos(π·(i + ½) / overlap)</c> for
/// <c>i = 0 … overlap − 1</c>: strictly between 0 and 1, and a rising ramp plus the matching falling ramp of the
/// neighbour sum to exactly 1, so two-block overlaps are a partition of unity even before normalisation.
/// </summary>
public static class BlendWindow
{
    /// <summary>The overlap of neighbouring inner regions per axis: <c>blockShape − halo − stride</c> (0 in crop-to-valid plans).</summary>
    public static int[] Overlap(ReadOnlySpan<int> blockShape, ReadOnlySpan<Halo> halo, ReadOnlySpan<int> stride)
    {
        if (halo.Length != blockShape.Length || stride.Length != blockShape.Length)
            throw new ArgumentException($"block rank {blockShape.Length}, halo rank {halo.Length} and stride rank {stride.Length} must be equal");
        var overlap = new int[blockShape.Length];
        for (int d = 0; d < overlap.Length; d++)
            overlap[d] = Math.Max(0, blockShape[d] - halo[d].Total - stride[d]);
        return overlap;
    }

    /// <summary>Ramp value at position <paramref name="i"/> of a rising ramp of length <paramref name="overlap"/>.</summary>
    public static float Ramp(int i, int overlap) =>
        (float)(0.5 - 0.5 * Math.Cos(Math.PI * (i + 0.5) / overlap));

    /// <summary>
    /// Fills the weights of one axis of a block's inner region.
    /// </summary>
    /// <param name="weights">One weight per inner position (the clipped inner length).</param>
    /// <param name="overlap">Overlap with each neighbour along this axis.</param>
    /// <param name="rampBefore">Whether a neighbour precedes (the inner region does not start at 0).</param>
    /// <param name="rampAfter">Whether a neighbour follows (the inner region does not end at the sample border).</param>
    public static void Fill(Span<float> weights, int overlap, bool rampBefore, bool rampAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        weights.Fill(1f);
        if (overlap == 0) return;
        int n = weights.Length;
        if (rampBefore)
        {
            for (int i = 0; i < Math.Min(overlap, n); i++) weights[i] *= Ramp(i, overlap);
        }
        if (rampAfter)
        {
            for (int i = 0; i < Math.Min(overlap, n); i++) weights[n - 1 - i] *= Ramp(i, overlap);
        }
    }
}
