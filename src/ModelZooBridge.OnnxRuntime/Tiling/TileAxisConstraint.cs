namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// What <see cref="TileShapeChooser"/> must respect along one input axis.
/// </summary>
/// <param name="ImageSize">Size of the sample along this axis.</param>
/// <param name="Min">Smallest block size (spec <c>ParameterizedSize.min</c>, or the fixed size).</param>
/// <param name="Step">Size increment (spec <c>ParameterizedSize.step</c>); 0 for a fixed size.</param>
/// <param name="Halo">Input halo (the output halo mapped to this input axis); 0 when the model declares none.</param>
/// <param name="MinOverlap">Overlap of neighbouring inner regions wanted for blending (0 for crop-to-valid).</param>
/// <param name="MaxSize">Largest block size <see cref="TileShapeChooser"/> may pick (e.g. to bound a streamed slab); unbounded by default.</param>
public readonly record struct TileAxisConstraint(int ImageSize, int Min, int Step, Halo Halo = default, int MinOverlap = 0, int MaxSize = int.MaxValue)
{
    /// <summary>An axis the model takes whole, e.g. channel: block = image size, no step.</summary>
    public static TileAxisConstraint Whole(int imageSize) => new(imageSize, imageSize, 0);

    /// <summary>The grid alignment of block origins: the step, or 1 for a fixed size.</summary>
    public int Alignment => Step > 0 ? Step : 1;

    /// <summary>
    /// The halo blocks get: the left halo rounded up to a multiple of <see cref="Alignment"/>, the right as required.
    /// With stride and left halo on the step grid, every block origin <c>k·stride − halo.Left</c> is a multiple of
    /// the step, so each block sees the pooling grid the whole image would (extra context never hurts a crop).
    /// </summary>
    public Halo EffectiveHalo => new((Halo.Left + Alignment - 1) / Alignment * Alignment, Halo.Right);
}
