namespace ModelZooBridge.Arrays;

/// <summary>Positions of the spatial axes <c>z</c>, <c>y</c>, <c>x</c> in a tensor's shape; −1 where the tensor has none.</summary>
/// <param name="Z">Index of the z axis or −1.</param>
/// <param name="Y">Index of the y axis or −1.</param>
/// <param name="X">Index of the x axis or −1.</param>
public readonly record struct SpatialAxes(int Z, int Y, int X)
{
    /// <summary>A tensor without spatial axes (e.g. a class score vector): every transform leaves it unchanged.</summary>
    public static SpatialAxes None => new(-1, -1, -1);
}

/// <summary>
/// One symmetry of the y,x square (the dihedral group of order 8), optionally combined with a flip along z: first
/// y and x are swapped (<see cref="Transpose"/>), then the flagged axes are reversed. The 8 combinations of
/// <see cref="Transpose"/>, <see cref="FlipY"/>, <see cref="FlipX"/> are identity, the three rotations, the two
/// axis flips and the two diagonal reflections; with <see cref="FlipZ"/> they make the 16 of a volume. Values move
/// unchanged, so a transform is exact for images, labels and weights alike. Used for training augmentation and for
/// test-time augmentation, where each transform's output is mapped back with <see cref="Inverse"/>.
/// </summary>
/// <param name="Transpose">Swap y and x (needs equal y and x sizes, so the shape is kept).</param>
/// <param name="FlipY">Reverse y (after the swap).</param>
/// <param name="FlipX">Reverse x (after the swap).</param>
/// <param name="FlipZ">Reverse z.</param>
public readonly record struct Dihedral(bool Transpose, bool FlipY, bool FlipX, bool FlipZ)
{
    /// <summary>The transform that leaves every array unchanged.</summary>
    public static Dihedral Identity => default;

    /// <summary>True when the transform moves nothing.</summary>
    public bool IsIdentity => this == default;

    /// <summary>The transform undoing this one: reversing then swapping equals swapping then reversing the other axis.</summary>
    public Dihedral Inverse => Transpose ? this with { FlipY = FlipX, FlipX = FlipY } : this;

    /// <summary>A readable name: <c>identity</c>, <c>rot90</c> (numpy's <c>rot90</c>, k = 1), <c>rot180</c>, <c>rot270</c>,
    /// <c>flip_y</c>, <c>flip_x</c>, <c>transpose</c>, <c>antitranspose</c>, with <c>+flip_z</c> when z is reversed.</summary>
    public string Name
    {
        get
        {
            string plane = (Transpose, FlipY, FlipX) switch
            {
                (false, false, false) => "identity",
                (false, true, false) => "flip_y",
                (false, false, true) => "flip_x",
                (false, true, true) => "rot180",
                (true, false, false) => "transpose",
                (true, true, false) => "rot90",
                (true, false, true) => "rot270",
                (true, true, true) => "antitranspose",
            };
            return !FlipZ ? plane : plane == "identity" ? "flip_z" : plane + "+flip_z";
        }
    }

    /// <summary>
    /// The transforms that act on a tensor with <paramref name="axes"/>: flips of the present spatial axes, and y,x swaps
    /// when <paramref name="withTranspose"/>. Identity first. 8 for y,x with swaps, 16 with z as well; 4 (8) flips without.
    /// </summary>
    public static IReadOnlyList<Dihedral> Group(SpatialAxes axes, bool withTranspose)
    {
        var group = new List<Dihedral>();
        foreach (bool flipZ in Choices(axes.Z >= 0))
            foreach (bool transpose in Choices(withTranspose && axes.Y >= 0 && axes.X >= 0))
                foreach (bool flipY in Choices(axes.Y >= 0))
                    foreach (bool flipX in Choices(axes.X >= 0))
                        group.Add(new Dihedral(transpose, flipY, flipX, flipZ));
        return group;
    }

    /// <summary>
    /// Writes the transformed <paramref name="source"/> (C order, <paramref name="shape"/>) into <paramref name="destination"/>,
    /// which has the same shape. Axes not named in <paramref name="axes"/> (batch, channel) are carried along.
    /// </summary>
    /// <exception cref="ArgumentException">When the lengths do not match the shape, or a swap meets unequal y and x sizes.</exception>
    public void Apply<T>(ReadOnlySpan<T> source, Span<T> destination, ReadOnlySpan<int> shape, SpatialAxes axes)
        where T : unmanaged
    {
        long count = NdArray.ElementCount(shape);
        if (source.Length != count || destination.Length != count)
            throw new ArgumentException($"shape [{string.Join(",", shape.ToArray())}] has {count} elements; source {source.Length}, destination {destination.Length}");
        if (count == 0) return;
        // A tensor with neither y nor x (e.g. a parameter vector beside an image) has no plane to swap.
        bool swap = Transpose && (axes.Y >= 0 || axes.X >= 0);
        if (swap && (axes.Y < 0 || axes.X < 0 || shape[axes.Y] != shape[axes.X]))
            throw new ArgumentException($"{Name} needs equal y and x sizes; shape [{string.Join(",", shape.ToArray())}]", nameof(shape));
        int rank = shape.Length;
        // destination[j] = source[Σ j_d·step_d + start]: each destination axis reads a (possibly swapped) source axis, reversed when flipped.
        Span<long> strides = stackalloc long[rank];
        StridedCopy.ContiguousStrides(shape, strides);
        Span<long> step = stackalloc long[rank];
        long start = 0;
        for (int d = 0; d < rank; d++)
        {
            int read = swap && d == axes.Y ? axes.X : swap && d == axes.X ? axes.Y : d;
            bool flip = (FlipY && d == axes.Y) || (FlipX && d == axes.X) || (FlipZ && d == axes.Z);
            step[d] = flip ? -strides[read] : strides[read];
            if (flip) start += (shape[d] - 1) * strides[read];
        }
        StridedCopy.Gather(source, shape, step, start, destination);
    }

    private static bool[] Choices(bool possible) => possible ? [false, true] : [false];
}
