using ModelZooBridge.Arrays;

namespace ModelZooBridge.Torch.Data;

/// <summary>The <see cref="Dihedral"/> transforms of training patches: drawing one, and applying it to a run of patches.</summary>
public static class PatchSymmetry
{
    /// <summary>
    /// A uniformly random element: one of 8 for a square 2D patch, one of 4 (flips only) for a non-square one,
    /// and twice as many with a z flip for 3D.
    /// </summary>
    public static Dihedral Random(SeededRandom random, PatchSize size)
    {
        ArgumentNullException.ThrowIfNull(random);
        // Drawn in this order so that a seed gives the patches it always gave.
        bool transpose = size.Height == size.Width && random.Chance(0.5);
        bool flipZ = !size.Is2D && random.Chance(0.5);
        bool flipY = random.Chance(0.5);
        bool flipX = random.Chance(0.5);
        return new Dihedral(transpose, flipY, flipX, flipZ);
    }

    /// <summary>
    /// Applies <paramref name="transform"/> to every <c>z,y,x</c> block of <paramref name="size"/> in
    /// <paramref name="source"/> (channels or samples follow each other) into <paramref name="destination"/>, which
    /// must not overlap the source.
    /// </summary>
    /// <exception cref="ArgumentException">When the lengths are not equal multiples of the patch, or a transpose meets a non-square patch.</exception>
    public static void Apply<T>(Dihedral transform, ReadOnlySpan<T> source, Span<T> destination, PatchSize size)
        where T : unmanaged
    {
        int block = size.VoxelCount;
        if (source.Length != destination.Length || source.Length % block != 0)
            throw new ArgumentException($"source has {source.Length} and destination {destination.Length} values; both must be equal multiples of {size} = {block}", nameof(destination));
        transform.Apply(source, destination, [source.Length / block, size.Depth, size.Height, size.Width], new SpatialAxes(1, 2, 3));
    }
}
