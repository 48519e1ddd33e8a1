using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>One block shape with its halo and stride, in the input tensor's axis order (what <see cref="BlockPlanner.Split"/> takes).</summary>
/// <param name="Mode"><c>whole</c> or <c>tiled</c>, for the report.</param>
/// <param name="BlockShape">Block size per axis, halo included.</param>
/// <param name="Halo">Halo per axis.</param>
/// <param name="Stride">Distance between block origins per axis.</param>
public sealed record BlockPlan(string Mode, ImmutableArray<int> BlockShape, ImmutableArray<Halo> Halo, ImmutableArray<int> Stride)
{
    /// <summary>The blend overlap per axis (<see cref="BlendWindow.Overlap"/>).</summary>
    public int[] Overlap => BlendWindow.Overlap(BlockShape.AsSpan(), Halo.AsSpan(), Stride.AsSpan());

    /// <summary>
    /// One block covering the whole sample: each tiled axis the smallest admissible size holding the image plus
    /// (when <paramref name="padBorders"/>) the halo on both sides, which is reflect-padded as for border tiles.
    /// </summary>
    /// <param name="axes">The constraint of every input axis.</param>
    /// <param name="padBorders">Add the halo on both sides of each tiled axis.</param>
    /// <param name="axisIds">The input's axis ids, to name axes in errors; positions when null.</param>
    /// <exception cref="ArgumentException">When a fixed-size axis is smaller than the image plus halo.</exception>
    public static BlockPlan Whole(IReadOnlyList<TileAxisConstraint> axes, bool padBorders, IReadOnlyList<AxisId>? axisIds = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var block = new int[axes.Count];
        var halo = new Halo[axes.Count];
        for (int d = 0; d < axes.Count; d++)
        {
            var axis = axes[d];
            halo[d] = padBorders ? axis.EffectiveHalo : Tiling.Halo.None;
            block[d] = SmallestAtLeast(axis, axis.ImageSize + halo[d].Total, Name(axisIds, d));
        }
        return new BlockPlan("whole", [.. block], [.. halo], [.. block.Select((b, d) => b - halo[d].Total)]);
    }

    /// <summary>
    /// A fixed block shape: the halo is each axis' effective halo; the stride is the inner size minus the wanted overlap,
    /// rounded down to the step.
    /// </summary>
    /// <param name="axes">The constraint of every input axis.</param>
    /// <param name="blockShape">The block size of every input axis.</param>
    /// <param name="axisIds">The input's axis ids, to name axes in errors; positions when null.</param>
    /// <exception cref="ArgumentException">When a size is not <c>min + n·step</c> or leaves no stride.</exception>
    public static BlockPlan Fixed(IReadOnlyList<TileAxisConstraint> axes, IReadOnlyList<int> blockShape, IReadOnlyList<AxisId>? axisIds = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(blockShape);
        if (blockShape.Count != axes.Count)
            throw new ArgumentException($"block rank {blockShape.Count} differs from the input rank {axes.Count}", nameof(blockShape));
        var halo = new Halo[axes.Count];
        var stride = new int[axes.Count];
        for (int d = 0; d < axes.Count; d++)
        {
            var axis = axes[d];
            int size = blockShape[d];
            bool admissible = axis.Step == 0 ? size == axis.Min : size >= axis.Min && (size - axis.Min) % axis.Step == 0;
            if (!admissible)
                throw new ArgumentException(
                    $"{Name(axisIds, d)}: block size {size} is not admissible (min {axis.Min}, step {axis.Step}); nearest: {SmallestAtLeast(axis, size, Name(axisIds, d))}", nameof(blockShape));
            halo[d] = axis.EffectiveHalo;
            int inner = size - halo[d].Total;
            int overlap = Math.Min(axis.MinOverlap, inner / 2);
            stride[d] = axis.ImageSize + halo[d].Total <= size ? inner : (inner - overlap) / axis.Alignment * axis.Alignment;
            if (stride[d] < 1)
                throw new ArgumentException(
                    $"{Name(axisIds, d)}: block size {size} leaves no stride after halo {halo[d].Left}+{halo[d].Right} and overlap {overlap}", nameof(blockShape));
        }
        return new BlockPlan("tiled", [.. blockShape], [.. halo], [.. stride]);
    }

    /// <summary>Number of blocks covering a sample of <paramref name="sampleShape"/>.</summary>
    public long BlockCount(ReadOnlySpan<int> sampleShape)
    {
        long count = 1;
        for (int d = 0; d < sampleShape.Length; d++)
            count *= BlockPlanner.BlocksAlong(sampleShape[d], BlockShape[d] - Halo[d].Total, Stride[d]);
        return count;
    }

    /// <summary>The plan <see cref="TileShapeChooser"/> chose.</summary>
    public static BlockPlan From(TileShape tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        return new BlockPlan(tile.BlockCount == 1 ? "whole" : "tiled", tile.BlockShape, tile.Halo, tile.Stride);
    }

    private static string Name(IReadOnlyList<AxisId>? axisIds, int d) => axisIds is null ? $"axis {d}" : $"axis '{axisIds[d]}'";

    private static int SmallestAtLeast(TileAxisConstraint axis, int size, string name)
    {
        if (axis.Step == 0)
        {
            return axis.Min >= size
                ? axis.Min
                : throw new ArgumentException($"{name}: the model takes exactly {axis.Min} pixels, the image needs {size}");
        }
        if (size <= axis.Min) return axis.Min;
        return axis.Min + (size - axis.Min + axis.Step - 1) / axis.Step * axis.Step;
    }
}
