using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.Tests.Tiling;

[Trait("Area", "Tiling")]
public sealed class TileShapeChooserTests
{
    private static readonly TileAxisConstraint[] Unet2D =
    [
        TileAxisConstraint.Whole(1),
        new(ImageSize: 1000, Min: 64, Step: 16, Halo: Halo.Symmetric(16)),
        new(ImageSize: 700, Min: 64, Step: 16, Halo: Halo.Symmetric(16)),
    ];

    [Theory]
    [InlineData(10_000L)]
    [InlineData(100_000L)]
    [InlineData(1_000_000L)]
    [InlineData(100_000_000L)]
    public void Respects_budget_and_size_constraints(long maxVoxels)
    {
        var tile = TileShapeChooser.Choose(Unet2D, maxVoxels);

        Assert.True(tile.BlockShape.Aggregate(1L, (a, s) => a * s) <= maxVoxels);
        Assert.Equal(1, tile.BlockShape[0]);
        for (int d = 1; d < 3; d++)
        {
            Assert.Equal(0, (tile.BlockShape[d] - 64) % 16);
            Assert.Equal(0, tile.Stride[d] % 16);
            Assert.True(tile.Stride[d] <= tile.BlockShape[d] - 32);
            Assert.True(tile.BlockShape[d] <= Unet2D[d].ImageSize + 32 + 16, "no larger than needed to cover the padded axis");
        }
        var blocks = BlockPlanner.Split([1, 1000, 700], tile.BlockShape.AsSpan(), tile.Halo.AsSpan(), tile.Stride.AsSpan());
        Assert.Equal(tile.BlockCount, blocks.Count);
        Assert.Equal(tile.ProcessedVoxels, blocks.Count * tile.BlockShape.Aggregate(1L, (a, s) => a * s));
    }

    [Fact]
    public void Is_deterministic()
    {
        var a = TileShapeChooser.Choose(Unet2D, 300_000);
        var b = TileShapeChooser.Choose(Unet2D, 300_000);
        Assert.Equal(a.BlockShape.ToArray(), b.BlockShape.ToArray());
        Assert.Equal(a.Stride.ToArray(), b.Stride.ToArray());
    }

    [Fact]
    public void Prefers_one_block_when_the_whole_image_fits()
    {
        var tile = TileShapeChooser.Choose(Unet2D, long.MaxValue);
        Assert.Equal(1, tile.BlockCount);
        Assert.Equal([1, 1040, 736], tile.BlockShape.ToArray());
    }

    [Fact]
    public void Larger_budgets_never_increase_the_work()
    {
        long previous = long.MaxValue;
        foreach (long budget in new[] { 5_000L, 20_000, 80_000, 320_000, 1_280_000 })
        {
            var tile = TileShapeChooser.Choose(Unet2D, budget);
            Assert.True(tile.ProcessedVoxels <= previous, $"budget {budget}: {tile.ProcessedVoxels} > {previous}");
            previous = tile.ProcessedVoxels;
        }
    }

    [Fact]
    public void Chooses_the_least_work_not_the_smallest_tile()
    {
        // 100 px, halo 8: tiles of 32 (inner 16) need 7 blocks = 224 px of work, a tile of 128 needs one = 128.
        var tile = TileShapeChooser.Choose([new TileAxisConstraint(100, 32, 16, Halo.Symmetric(8))], 1000);
        Assert.Equal([128], tile.BlockShape.ToArray());
    }

    [Fact]
    public void Blend_overlap_keeps_the_stride_on_the_step_grid()
    {
        var tile = TileShapeChooser.Choose([new TileAxisConstraint(500, 64, 16, MinOverlap: 20)], 96);
        Assert.Equal([96], tile.BlockShape.ToArray());
        Assert.Equal([64], tile.Stride.ToArray()); // 96 − 20 = 76, rounded down to a multiple of 16
    }

    [Fact]
    public void Fixed_axes_keep_their_size()
    {
        var tile = TileShapeChooser.Choose([new TileAxisConstraint(300, 128, 0, Halo.Symmetric(8))], 1000);
        Assert.Equal([128], tile.BlockShape.ToArray());
        Assert.Equal([112], tile.Stride.ToArray());
    }

    [Fact]
    public void Too_small_a_budget_names_both_numbers()
    {
        var error = Assert.Throws<ArgumentException>(() => TileShapeChooser.Choose(Unet2D, 4000));
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Contains("4000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxVoxels_divides_the_budget()
    {
        Assert.Equal(1000, TileShapeChooser.MaxVoxels(16_000, 8, batchSize: 2));
    }

    [Theory]
    [InlineData(37, 29, 8, 4, 2, 0, 400)]
    [InlineData(100, 61, 16, 8, 4, 0, 2000)]
    [InlineData(50, 50, 5, 3, 0, 6, 900)]
    [InlineData(90, 17, 12, 1, 3, 2, 700)]
    public void Finds_the_least_work_of_all_admissible_shapes(int sizeY, int sizeX, int min, int step, int halo, int overlap, long budget)
    {
        TileAxisConstraint[] axes = [new(sizeY, min, step, Halo.Symmetric(halo), overlap), new(sizeX, min, step, Halo.Symmetric(halo), overlap)];
        var tile = TileShapeChooser.Choose(axes, budget);

        long best = long.MaxValue;
        int left = (halo + step - 1) / step * step; // left halo on the step grid
        int total = left + halo;
        for (int y = min; y <= sizeY + total + step; y += step)
            for (int x = min; x <= sizeX + total + step; x += step)
            {
                if ((long)y * x > budget) continue;
                int sy = (y - total - overlap) / step * step, sx = (x - total - overlap) / step * step;
                if (sy < 1 || sx < 1) continue;
                long blocks = BlockPlanner.BlocksAlong(sizeY, y - total, sy) * (long)BlockPlanner.BlocksAlong(sizeX, x - total, sx);
                best = Math.Min(best, blocks * y * x);
            }
        Assert.Equal(best, tile.ProcessedVoxels);
    }

    [Fact]
    public void Step_one_axes_of_large_images_are_searched_quickly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tile = TileShapeChooser.Choose([new(20_000, 1, 1, Halo.Symmetric(8)), new(30_000, 1, 1, Halo.Symmetric(8))], 4_000_000);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(tile.BlockShape[0] * (long)tile.BlockShape[1] <= 4_000_000);
    }

    [Fact]
    public void A_per_block_overhead_favours_fewer_blocks()
    {
        // 40 px, sizes 8 + n·4 up to 16: five blocks of 8 (40 voxels of work) or three of 16 (48 voxels, 8 of them padding).
        TileAxisConstraint[] axes = [new(40, 8, 4)];
        var cheap = TileShapeChooser.Choose(axes, 16);
        var costly = TileShapeChooser.Choose(axes, 16, blockOverheadVoxels: 50);
        Assert.Equal([8], cheap.BlockShape.ToArray());
        Assert.Equal(5, cheap.BlockCount);
        Assert.Equal([16], costly.BlockShape.ToArray());
        Assert.Equal(3, costly.BlockCount);
    }

    [Theory]
    [InlineData(300, 40, 16, 5, 0)]
    [InlineData(123, 24, 8, 3, 4)]
    [InlineData(77, 32, 32, 0, 10)]
    public void Planned_block_origins_are_multiples_of_the_step(int size, int min, int step, int halo, int overlap)
    {
        TileAxisConstraint[] axes = [new(size, min, step, Halo.Symmetric(halo), overlap), new(size / 2 + 1, min, step, new Halo(halo, 0), overlap)];
        var tile = TileShapeChooser.Choose(axes, (long)(min + 2 * step) * (min + 2 * step));
        for (int d = 0; d < 2; d++)
        {
            Assert.True(tile.Halo[d].Left >= axes[d].Halo.Left && tile.Halo[d].Right >= axes[d].Halo.Right);
            Assert.Equal(0, tile.Halo[d].Left % step);
        }
        var blocks = BlockPlanner.Split([size, size / 2 + 1], tile.BlockShape.AsSpan(), tile.Halo.AsSpan(), tile.Stride.AsSpan());
        Assert.All(blocks, b => Assert.All(b.Origin, o => Assert.Equal(0, ((o % step) + step) % step)));
    }
}
