using System.Collections.Immutable;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Splits a sample into blocks of one fixed shape (bioimage.io core's <c>split_shape_into_blocks</c>, with different
/// edge handling). Pure: no arrays are touched.
/// </summary>
/// <remarks>
/// <para>
/// Along each axis the inner region of block <c>k</c> starts at <c>k·stride</c>, for
/// <c>k = 0 … ceil((size − inner) / stride)</c> where <c>inner = blockShape − halo.Left − halo.Right</c>; a sample
/// no larger than <c>inner</c> gets a single block. With <c>stride == inner</c> the inner regions tile the sample
/// exactly once (crop-to-valid: each output tile is cropped by the halo). With <c>stride &lt; inner</c> neighbouring
/// inner regions overlap by <c>inner − stride</c> and are combined by <see cref="Accumulator"/> with a
/// <see cref="BlendWindow"/> (the mode for models that declare no halo).
/// </para>
/// <para>
/// Unlike core, which pulls the last block back so it ends at the sample border, the last block here keeps its
/// place on the grid and reaches past the border; that part is reflect-padded and its output discarded. Every
/// block origin is therefore <c>k·stride − halo.Left</c>. Callers choose <c>stride</c> and <c>halo.Left</c> as
/// multiples of the model's size step (<see cref="TileShapeChooser"/> does), which puts every origin on a multiple
/// of the step. Why: a network that pools <c>log2(step)</c> times computes its features on a grid anchored at the
/// block origin. Blocks whose origins are multiples of the step all see the pooling grid of the whole image, so
/// they agree with each other where they overlap and with whole-image prediction; a block pulled back by an
/// arbitrary amount (as core and JDLL do with the last tile) sees a shifted grid and can leave a seam.
/// </para>
/// </remarks>
public static class BlockPlanner
{
    /// <summary>Plans the blocks covering <paramref name="sampleShape"/>.</summary>
    /// <param name="sampleShape">Size of every axis of the sample (each ≥ 1).</param>
    /// <param name="blockShape">Size of every block, halo included (each &gt; the axis halo total).</param>
    /// <param name="halo">Halo per axis.</param>
    /// <param name="stride">Distance between block origins per axis, 1 ≤ stride ≤ inner size.</param>
    /// <returns>The blocks in C order over the block grid (last axis fastest).</returns>
    public static IReadOnlyList<BlockMeta> Split(
        ReadOnlySpan<int> sampleShape, ReadOnlySpan<int> blockShape, ReadOnlySpan<Halo> halo, ReadOnlySpan<int> stride)
    {
        int rank = sampleShape.Length;
        if (blockShape.Length != rank || halo.Length != rank || stride.Length != rank)
            throw new ArgumentException(
                $"sample rank {rank}, block rank {blockShape.Length}, halo rank {halo.Length} and stride rank {stride.Length} must be equal");
        var counts = new int[rank];
        var inner = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            if (sampleShape[d] < 1)
                throw new ArgumentOutOfRangeException(nameof(sampleShape), $"axis {d} has size {sampleShape[d]}; expected ≥ 1");
            if (halo[d].Left < 0 || halo[d].Right < 0)
                throw new ArgumentOutOfRangeException(nameof(halo), $"axis {d} has a negative halo {halo[d]}");
            inner[d] = blockShape[d] - halo[d].Total;
            if (inner[d] < 1)
                throw new ArgumentOutOfRangeException(nameof(blockShape),
                    $"axis {d}: block size {blockShape[d]} leaves no inner region after halo {halo[d].Left}+{halo[d].Right}");
            if (stride[d] < 1 || stride[d] > inner[d])
                throw new ArgumentOutOfRangeException(nameof(stride),
                    $"axis {d}: stride {stride[d]} must lie in 1..{inner[d]} (the inner block size) so that blocks leave no gaps");
            counts[d] = BlocksAlong(sampleShape[d], inner[d], stride[d]);
        }

        int total = 1;
        foreach (int c in counts) total = checked(total * c);
        var sample = sampleShape.ToImmutableArray();
        var blocks = new List<BlockMeta>(total);
        var index = new int[rank];
        for (int b = 0; b < total; b++)
        {
            var slices = ImmutableArray.CreateBuilder<SliceInfo>(rank);
            var halos = ImmutableArray.CreateBuilder<Halo>(rank);
            for (int d = 0; d < rank; d++)
            {
                int start = index[d] * stride[d];
                int stop = Math.Min(start + inner[d], sampleShape[d]);
                slices.Add(new SliceInfo(start, stop));
                halos.Add(new Halo(halo[d].Left, halo[d].Right + (start + inner[d] - stop)));
            }
            blocks.Add(new BlockMeta(sample, slices.MoveToImmutable(), halos.MoveToImmutable(), b, total));
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < counts[d]) break;
                index[d] = 0;
            }
        }
        return blocks;
    }

    /// <summary>Number of blocks along one axis: 1 when the sample fits the inner size, else <c>ceil((size − inner) / stride) + 1</c>.</summary>
    public static int BlocksAlong(int size, int inner, int stride) =>
        size <= inner ? 1 : (size - inner + stride - 1) / stride + 1;

    /// <summary>Groups blocks into batches of at most <paramref name="batchSize"/> (the model's batch axis), in plan order.</summary>
    public static IEnumerable<IReadOnlyList<BlockMeta>> Batches(IReadOnlyList<BlockMeta> blocks, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (int i = 0; i < blocks.Count; i += batchSize)
            yield return blocks.Skip(i).Take(batchSize).ToArray();
    }
}
