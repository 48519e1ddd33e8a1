using System.Collections.Immutable;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Chooses one block shape for a sample: every axis <c>min + n·step</c>, the block volume within a memory budget,
/// and the least total work (blocks × (block volume + a per-block overhead), so the least recomputed halo and
/// overlap). Ties go to fewer blocks, then to the lexicographically larger shape. Deterministic.
/// </summary>
/// <remarks>
/// Blocks use <see cref="TileAxisConstraint.EffectiveHalo"/> (left halo rounded up to the step) so that block origins
/// are multiples of the step. Per axis, <c>n</c> runs from 0 up to the smallest size that covers the whole padded axis (image + halo) in one
/// block; larger blocks only add padding. The stride is the inner size (block − halo − wanted overlap) rounded down
/// to a multiple of the step, so block origins stay on the step grid (see <see cref="BlockPlanner"/>).
/// The search is exact but only visits, per axis, the smallest size for each number of blocks along that axis:
/// a larger size with the same count only adds volume, so it can never cost less. That keeps the search small
/// (about 2·√(size/step) sizes per axis) even for step-1 axes of large images.
/// </remarks>
public static class TileShapeChooser
{
    /// <summary>Largest block volume that fits <paramref name="budgetBytes"/>.</summary>
    /// <param name="budgetBytes">Memory allowed for one batch of blocks.</param>
    /// <param name="bytesPerVoxel">Bytes needed per block voxel: input + all outputs (scaled to input voxels) + the engine's working memory.</param>
    /// <param name="batchSize">Blocks run together.</param>
    public static long MaxVoxels(long budgetBytes, double bytesPerVoxel, int batchSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!(bytesPerVoxel > 0)) throw new ArgumentOutOfRangeException(nameof(bytesPerVoxel), bytesPerVoxel, "must be positive");
        return (long)Math.Floor(budgetBytes / (bytesPerVoxel * batchSize));
    }

    /// <summary>Chooses the block shape.</summary>
    /// <param name="axes">Constraints per axis, in the input tensor's axis order.</param>
    /// <param name="maxVoxels">Largest allowed block volume (<see cref="MaxVoxels"/>).</param>
    /// <param name="blockOverheadVoxels">Fixed cost of one block in voxel equivalents (engine call, transfer); larger values favour fewer, larger blocks.</param>
    /// <exception cref="ArgumentException">When no admissible block fits the budget, with the smallest volume needed.</exception>
    public static TileShape Choose(IReadOnlyList<TileAxisConstraint> axes, long maxVoxels, long blockOverheadVoxels = 0)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentOutOfRangeException.ThrowIfNegative(blockOverheadVoxels);
        var candidates = new List<(int Size, int Stride, int Count)>[axes.Count];
        for (int d = 0; d < axes.Count; d++) candidates[d] = AxisCandidates(d, axes[d]);

        long minVolume = 1;
        foreach (var c in candidates) minVolume = checked(minVolume * c[0].Size);
        if (minVolume > maxVoxels)
            throw new ArgumentException($"the smallest admissible block has {minVolume} voxels, the budget allows {maxVoxels}", nameof(maxVoxels));

        var best = default((long Work, long Count, int[] Shape, int[] Stride)?);
        var shape = new int[axes.Count];
        var stride = new int[axes.Count];
        Search(0, 1, 1);
        var (_, count, s, st) = best!.Value;
        return new TileShape([.. s], [.. axes.Select(a => a.EffectiveHalo)], [.. st], count, count * s.Aggregate(1L, (a, b) => a * b));

        void Search(int d, long volume, long count)
        {
            if (d == axes.Count)
            {
                long work = (volume + blockOverheadVoxels) * count;
                if (best is null || IsBetter(work, count, shape, best.Value))
                    best = (work, count, (int[])shape.Clone(), (int[])stride.Clone());
                return;
            }
            foreach (var (size, st, n) in candidates[d])
            {
                long v = volume * size;
                if (v > maxVoxels) break;
                shape[d] = size;
                stride[d] = st;
                Search(d + 1, v, count * n);
            }
        }
    }

    private static bool IsBetter(long work, long count, int[] shape, (long Work, long Count, int[] Shape, int[] Stride) best)
    {
        if (work != best.Work) return work < best.Work;
        if (count != best.Count) return count < best.Count;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] != best.Shape[d]) return shape[d] > best.Shape[d];
        }
        return false;
    }

    private static List<(int Size, int Stride, int Count)> AxisCandidates(int d, TileAxisConstraint axis)
    {
        if (axis.ImageSize < 1 || axis.Min < 1 || axis.Step < 0 || axis.MinOverlap < 0 || axis.Halo.Left < 0 || axis.Halo.Right < 0)
            throw new ArgumentOutOfRangeException(nameof(axis), $"axis {d}: invalid constraint {axis}");
        var list = new List<(int, int, int)>();
        var halo = axis.EffectiveHalo;
        int cover = axis.ImageSize + halo.Total;
        for (int size = axis.Min; size <= axis.MaxSize; size += axis.Step)
        {
            int inner = size - halo.Total;
            int stride = (inner - axis.MinOverlap) / axis.Alignment * axis.Alignment;
            if (stride < 1 && inner >= axis.ImageSize) stride = inner;
            if (inner >= 1 && stride >= 1)
            {
                int count = BlockPlanner.BlocksAlong(axis.ImageSize, inner, stride);
                if (list.Count == 0 || count < list[^1].Item3) list.Add((size, stride, count));
            }
            if (axis.Step == 0 || size >= cover) break;
        }
        if (list.Count == 0)
            throw new ArgumentException(
                $"axis {d}: no block size {axis.Min} + n·{axis.Step} up to {Math.Min(cover, axis.MaxSize)} leaves a stride ≥ 1 after halo {halo.Left}+{halo.Right} and overlap {axis.MinOverlap}",
                nameof(axis));
        return list;
    }
}
