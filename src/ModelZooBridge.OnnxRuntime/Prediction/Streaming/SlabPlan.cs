using System.Collections.Immutable;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.OnnxRuntime.Prediction.Streaming;

/// <summary>
/// One row of blocks along the slab axis: the blocks, the input rows they read (after reflection at the sample's
/// borders) and the rows whose merged output is final once they have run.
/// </summary>
/// <param name="Index">Position of the slab along the slab axis.</param>
/// <param name="Blocks">The blocks of the global plan whose inner region starts at <see cref="InnerStart"/> along the slab axis.</param>
/// <param name="InputRows">Input rows along the slab axis the blocks read, halo and reflection included.</param>
/// <param name="InnerStart">First input row of the blocks' inner region.</param>
/// <param name="FinishedStop">Input rows before this are final after the slab: the next slab's inner start, or the sample size for the last slab.</param>
public sealed record Slab(int Index, IReadOnlyList<BlockMeta> Blocks, SliceInfo InputRows, int InnerStart, int FinishedStop);

/// <summary>
/// Cuts a global <see cref="BlockPlan"/> into slabs along one axis (the outermost tiled axis), so a sample can be read,
/// predicted and written slab by slab. Pure: the block grid is exactly <see cref="BlockPlanner.Split"/>'s, so a streamed
/// prediction runs the same blocks as an in-memory one.
/// </summary>
public sealed class SlabPlan
{
    private SlabPlan(int axis, ImmutableArray<int> sampleShape, IReadOnlyList<Slab> slabs, int innerRows)
    {
        Axis = axis;
        SampleShape = sampleShape;
        Slabs = slabs;
        WindowRows = innerRows;
        MaxInputRows = slabs.Max(s => s.InputRows.Length);
    }

    /// <summary>The slab axis (input tensor axis index).</summary>
    public int Axis { get; }

    /// <summary>The whole sample's shape.</summary>
    public ImmutableArray<int> SampleShape { get; }

    /// <summary>The slabs in order along <see cref="Axis"/>.</summary>
    public IReadOnlyList<Slab> Slabs { get; }

    /// <summary>Rows along the slab axis an accumulator must hold: the blocks' inner size, at most the sample size.</summary>
    public int WindowRows { get; }

    /// <summary>The most input rows one slab reads.</summary>
    public int MaxInputRows { get; }

    /// <summary>Cuts <paramref name="plan"/> over a sample of <paramref name="sampleShape"/> into slabs along <paramref name="axis"/>.</summary>
    public static SlabPlan Create(ReadOnlySpan<int> sampleShape, BlockPlan plan, int axis)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(axis);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(axis, sampleShape.Length);
        var blocks = BlockPlanner.Split(sampleShape, plan.BlockShape.AsSpan(), plan.Halo.AsSpan(), plan.Stride.AsSpan());
        int size = sampleShape[axis];
        var rows = blocks.GroupBy(b => b.InnerSlice[axis].Start).OrderBy(g => g.Key).ToArray();
        var slabs = new Slab[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            var first = rows[k].First();
            int origin = first.Origin[axis];
            int lo = int.MaxValue, hi = int.MinValue;
            for (int i = 0; i < first.Shape[axis]; i++)
            {
                int row = ReflectPad.MapIndex(origin + i, size);
                lo = Math.Min(lo, row);
                hi = Math.Max(hi, row);
            }
            int finished = k + 1 < rows.Length ? rows[k + 1].Key : size;
            slabs[k] = new Slab(k, [.. rows[k]], new SliceInfo(lo, hi + 1), rows[k].Key, finished);
        }
        int inner = Math.Min(size, plan.BlockShape[axis] - plan.Halo[axis].Total);
        return new SlabPlan(axis, sampleShape.ToImmutableArray(), slabs, inner);
    }

    /// <summary>
    /// The outermost axis a sample can be cut along: the first axis that is tiled (not batch, channel or index) and
    /// longer than 1 — z for volumes, y for 2-D images; the first tiled axis when all have size 1.
    /// </summary>
    /// <param name="tiled">Per axis, whether it is tiled.</param>
    /// <param name="sampleShape">The sample's shape.</param>
    /// <returns>The axis index, or −1 when no axis is tiled.</returns>
    public static int OutermostTiledAxis(IReadOnlyList<bool> tiled, ReadOnlySpan<int> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(tiled);
        int first = -1;
        for (int d = 0; d < sampleShape.Length; d++)
        {
            if (!tiled[d]) continue;
            if (sampleShape[d] > 1) return d;
            if (first < 0) first = d;
        }
        return first;
    }
}
