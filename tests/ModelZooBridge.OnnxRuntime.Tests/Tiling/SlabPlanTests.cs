using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.OnnxRuntime.Prediction.Streaming;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Tiling;

/// <summary><see cref="SlabPlan"/> and the windowed <see cref="Accumulator"/> it drives, against the whole-sample accumulator.</summary>
[Trait("Area", "Tiling")]
public sealed class SlabPlanTests
{
    [Fact]
    public void Slabs_are_the_block_rows_and_read_the_rows_reflection_needs()
    {
        var plan = new BlockPlan("tiled", [1, 6, 5], [Halo.None, Halo.Symmetric(2), Halo.None], [1, 2, 5]);

        var slabs = SlabPlan.Create([1, 10, 12], plan, axis: 1);

        Assert.Equal(5, slabs.Slabs.Count);
        Assert.Equal(2, slabs.WindowRows);
        Assert.Equal([new SliceInfo(0, 4), new SliceInfo(0, 6), new SliceInfo(2, 8), new SliceInfo(4, 10), new SliceInfo(6, 10)],
            slabs.Slabs.Select(s => s.InputRows));
        Assert.Equal([2, 4, 6, 8, 10], slabs.Slabs.Select(s => s.FinishedStop));
        Assert.All(slabs.Slabs, s => Assert.Equal(3, s.Blocks.Count));
        Assert.Equal(6, slabs.MaxInputRows);
    }

    [Fact]
    public void The_outermost_tiled_axis_skips_batch_channel_and_singleton_axes()
    {
        Assert.Equal(2, SlabPlan.OutermostTiledAxis([false, false, true, true, true], [1, 2, 30, 64, 64]));
        Assert.Equal(3, SlabPlan.OutermostTiledAxis([false, false, true, true, true], [1, 2, 1, 64, 64]));
        Assert.Equal(-1, SlabPlan.OutermostTiledAxis([false, false], [1, 2]));
    }

    [Theory]
    [InlineData(0, 4)]   // crop-to-valid: halo 2, no overlap
    [InlineData(3, 0)]   // blended: overlap 3 rows kept from slab to slab
    public void A_windowed_accumulator_fed_slab_by_slab_equals_the_whole_one(int overlap, int halo)
    {
        int[] sample = [2, 23, 17];
        int inner = 8;
        var plan = new BlockPlan("tiled", [2, inner + 2 * halo, 7],
            [Halo.None, Halo.Symmetric(halo), Halo.None], [2, inner - overlap, 7 - 2]);
        var slabs = SlabPlan.Create(sample, plan, axis: 1);
        var axes = AxisId.ParseAll("cyx");
        var overlaps = plan.Overlap;
        var whole = new Accumulator(sample, axes, overlaps);
        var windowed = new Accumulator(sample, axes, overlaps, windowAxis: 1, windowLength: slabs.WindowRows);
        var merged = new NdArray<float>(sample, axes);

        int seed = 0;
        foreach (var slab in slabs.Slabs)
        {
            foreach (var block in slab.Blocks)
            {
                var output = NumpyOracle.Random((int)NdArray.ElementCount(block.Shape.AsSpan()), seed++);
                whole.Add(block, output);
                windowed.Add(block, output);
            }
            int start = windowed.WindowStart;
            var rows = windowed.FinishRows(slab.FinishedStop);
            Assert.Equal(slab.FinishedStop - start, rows.Shape[1]);
            for (int c = 0; c < 2; c++)
                rows.Span.Slice(c * rows.Shape[1] * 17, rows.Shape[1] * 17).CopyTo(merged.Span.Slice((c * 23 + start) * 17));
        }

        Assert.Equal(whole.Finish().Span.ToArray(), merged.Span.ToArray());
    }

    [Fact]
    public void A_block_outside_the_window_is_refused()
    {
        var plan = new BlockPlan("tiled", [10], [Halo.None], [5]);
        var blocks = BlockPlanner.Split([20], plan.BlockShape.AsSpan(), plan.Halo.AsSpan(), plan.Stride.AsSpan());
        var windowed = new Accumulator([20], [AxisId.X], plan.Overlap, windowAxis: 0, windowLength: 10);

        var error = Assert.Throws<ArgumentException>(() => windowed.Add(blocks[1], new float[10]));
        Assert.Contains("outside the window [0, 10)", error.Message);
    }
}
