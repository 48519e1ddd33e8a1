namespace ModelZooBridge.Torch.Data;

/// <summary>
/// An element of the symmetry group of a square patch — flips and 90° turns in y,x — optionally with a z flip
/// for 3D patches. Output pixel (z, y, x) takes input pixel (z′, a, b) with z′ = D−1−z under <see cref="FlipZ"/>,
/// (u, v) = (H−1−y or y, W−1−x or x) under the y and x flips, and (a, b) = (v, u) under <see cref="Transpose"/>,
/// else (u, v). Pixel values move unchanged, so the transform is exact for images, labels and weights alike.
/// </summary>
/// <param name="Transpose">Swap y and x (needs a square patch); with a flip this is a 90° turn.</param>
/// <param name="FlipZ">Reverse z.</param>
/// <param name="FlipY">Reverse y.</param>
/// <param name="FlipX">Reverse x.</param>
public readonly record struct DihedralTransform(bool Transpose, bool FlipZ, bool FlipY, bool FlipX)
{
    /// <summary>The transform that changes nothing.</summary>
    public static DihedralTransform Identity => default;

    /// <summary>True when the transform moves no pixel.</summary>
    public bool IsIdentity => this == default;

    /// <summary>The transform that undoes this one: flips are their own inverses, and a transpose swaps which flip acts first.</summary>
    public DihedralTransform Inverse => Transpose ? this with { FlipY = FlipX, FlipX = FlipY } : this;

    /// <summary>
    /// A uniformly random element: one of 8 for a square 2D patch, one of 4 (flips only) for a non-square one,
    /// and twice as many with a z flip for 3D.
    /// </summary>
    public static DihedralTransform Random(SeededRandom random, PatchSize size) => new(
        Transpose: size.Height == size.Width && random.Chance(0.5),
        FlipZ: !size.Is2D && random.Chance(0.5),
        FlipY: random.Chance(0.5),
        FlipX: random.Chance(0.5));

    /// <summary>
    /// Applies the transform to every <c>z,y,x</c> block of <paramref name="source"/> (leading channels or
    /// samples follow each other) into <paramref name="destination"/>, which must not overlap the source.
    /// </summary>
    public void Apply<T>(ReadOnlySpan<T> source, Span<T> destination, PatchSize size)
    {
        int block = size.VoxelCount;
        if (source.Length != destination.Length || source.Length % block != 0)
            throw new ArgumentException($"source has {source.Length} and destination {destination.Length} values; both must be equal multiples of {size} = {block}", nameof(destination));
        if (Transpose && size.Height != size.Width)
            throw new ArgumentException($"a transpose needs a square patch, not {size}", nameof(size));
        int h = size.Height, w = size.Width, plane = h * w;
        // Source offset of output (y, x) = rowStart + y·rowStep + x·columnStep, with the flips folded into start and steps.
        int stepY = Transpose ? 1 : w, stepX = Transpose ? w : 1;
        int startY = FlipY ? (h - 1) * stepY : 0, startX = FlipX ? (w - 1) * stepX : 0;
        if (FlipY) stepY = -stepY;
        if (FlipX) stepX = -stepX;
        for (int offset = 0; offset < source.Length; offset += block)
        {
            for (int z = 0; z < size.Depth; z++)
            {
                var from = source.Slice(offset + (FlipZ ? size.Depth - 1 - z : z) * plane, plane);
                var to = destination.Slice(offset + z * plane, plane);
                for (int y = 0; y < h; y++)
                {
                    int at = startY + y * stepY + startX;
                    var row = to.Slice(y * w, w);
                    if (stepX == 1) from.Slice(at, w).CopyTo(row);
                    else for (int x = 0; x < w; x++, at += stepX) row[x] = from[at];
                }
            }
        }
    }
}
