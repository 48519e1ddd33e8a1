using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.Tests.Tiling;

[Trait("Area", "Tiling")]
public sealed class BlockPlannerTests
{
    public static TheoryData<int[], int[], int[], int[]> CropPlans => new()
    {
        // sample, block, halo (symmetric), stride
        { [100, 70], [32, 48], [4, 8], [24, 32] },
        { [64, 64], [64, 64], [0, 0], [64, 64] },
        { [10, 7], [32, 32], [8, 8], [16, 16] },      // sample smaller than one block
        { [33, 17, 50], [16, 16, 32], [2, 4, 0], [12, 8, 32] },
        { [1, 3, 101, 99], [1, 3, 48, 48], [0, 0, 8, 8], [1, 3, 32, 32] },
        { [5], [7], [3], [1] },
    };

    [Theory]
    [MemberData(nameof(CropPlans))]
    public void Inner_regions_tile_the_sample_exactly_once(int[] sample, int[] block, int[] halo, int[] stride)
    {
        var halos = halo.Select(Halo.Symmetric).ToArray();
        var blocks = BlockPlanner.Split(sample, block, halos, stride);

        var hits = new int[NdArray.ElementCount(sample)];
        foreach (var b in blocks)
        {
            Assert.Equal(block, b.Shape);
            Assert.Equal(blocks.Count, b.BlocksInSample);
            for (int d = 0; d < sample.Length; d++)
            {
                Assert.Equal(0, b.InnerSlice[d].Start % stride[d]);
                Assert.Equal(b.InnerSlice[d].Start - halo[d], b.Origin[d]);
                Assert.True(b.InnerSlice[d].Length >= 1);
                Assert.Equal(b.Shape[d], b.OuterSlice[d].Length + b.Padding[d].Before + b.Padding[d].After);
                Assert.Equal(b.OuterSlice[d].Start - b.Origin[d], b.Padding[d].Before);
            }
            ForEach(b.InnerSlice.ToArray(), sample, offset => hits[offset]++);
        }
        Assert.Equal(Enumerable.Range(0, blocks.Count), blocks.Select(b => b.BlockIndex));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Overlapping_plans_cover_every_pixel_and_keep_the_shape()
    {
        var blocks = BlockPlanner.Split([90, 61], [32, 32], [Halo.None, Halo.None], [16, 24]);
        var hits = new int[90 * 61];
        foreach (var b in blocks)
        {
            Assert.Equal([32, 32], b.Shape.ToArray());
            ForEach(b.InnerSlice.ToArray(), [90, 61], offset => hits[offset]++);
        }
        Assert.All(hits, h => Assert.InRange(h, 1, 4));
        Assert.Equal(5 * 3, blocks.Count); // ceil((90−32)/16)+1 = 5, ceil((61−32)/24)+1 = 3
    }

    [Fact]
    public void Last_block_stays_on_the_grid_and_is_padded()
    {
        var blocks = BlockPlanner.Split([50], [24], [Halo.Symmetric(4)], [16]);
        Assert.Equal([0, 16, 32, 48], blocks.Select(b => b.InnerSlice[0].Start));
        var last = blocks[^1];
        Assert.Equal(new SliceInfo(48, 50), last.InnerSlice[0]);
        Assert.Equal(new Halo(4, 18), last.Halo[0]);
        Assert.Equal(new PadWidth(0, 18), last.Padding[0]);
        Assert.Equal(new SliceInfo(4, 6), last.LocalSlice[0]);
        Assert.Equal(new PadWidth(4, 0), blocks[0].Padding[0]);
    }

    [Theory]
    [InlineData(new[] { 10 }, new[] { 8 }, 4, new[] { 1 })]   // halo leaves no inner region
    [InlineData(new[] { 10 }, new[] { 8 }, 1, new[] { 7 })]   // stride larger than inner: gaps
    [InlineData(new[] { 10 }, new[] { 8 }, 1, new[] { 0 })]
    [InlineData(new[] { 0 }, new[] { 8 }, 1, new[] { 2 })]
    public void Rejects_plans_that_leave_gaps(int[] sample, int[] block, int halo, int[] stride) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockPlanner.Split(sample, block, [Halo.Symmetric(halo)], stride));

    [Fact]
    public void Batches_keep_plan_order()
    {
        var blocks = BlockPlanner.Split([100], [10], [Halo.None], [10]);
        var batches = BlockPlanner.Batches(blocks, 4).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(blocks, batches.SelectMany(b => b));
    }

    internal static void ForEach(SliceInfo[] region, int[] shape, Action<int> visit)
    {
        var index = region.Select(s => s.Start).ToArray();
        long count = region.Aggregate(1L, (a, s) => a * s.Length);
        for (long i = 0; i < count; i++)
        {
            int offset = 0;
            for (int d = 0; d < shape.Length; d++) offset = offset * shape[d] + index[d];
            visit(offset);
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < region[d].Stop) break;
                index[d] = region[d].Start;
            }
        }
    }
}
