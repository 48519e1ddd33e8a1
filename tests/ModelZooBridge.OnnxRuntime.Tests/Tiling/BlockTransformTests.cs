using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Tiling;

[Trait("Area", "Tiling")]
public sealed class BlockTransformTests
{
    [Fact]
    public void Same_size_output_with_a_channel_axis_tiles_the_output_exactly_once()
    {
        int[] sample = [64, 50];
        var blocks = BlockPlanner.Split(sample, [32, 32], [Halo.Symmetric(4), Halo.Symmetric(4)], [24, 24]);
        OutputAxisMap[] maps = [OutputAxisMap.Whole(3), OutputAxisMap.FromInput(0), OutputAxisMap.FromInput(1)];
        Assert.Equal([3, 64, 50], BlockTransform.OutputSampleShape(sample, maps).ToArray());

        var merger = new Accumulator([3, 64, 50], AxisId.ParseAll("cyx"), [0, 0, 0]);
        var hits = new int[3 * 64 * 50];
        foreach (var input in blocks)
        {
            var output = BlockTransform.ToOutput(input, maps);
            Assert.Equal([3, 32, 32], output.Shape.ToArray());
            BlockPlannerTests.ForEach(output.InnerSlice.ToArray(), [3, 64, 50], o => hits[o]++);
            // The "model" writes each output pixel's sample coordinates, offset by channel.
            var values = new float[3 * 32 * 32];
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        values[(c * 32 + y) * 32 + x] = 10_000 * c + 100 * (output.Origin[1] + y) + output.Origin[2] + x;
            merger.Add(output, values);
        }
        Assert.All(hits, h => Assert.Equal(1, h));
        var merged = merger.Finish();
        Assert.Equal(10_000 * 2 + 100 * 63 + 49, merged[2, 63, 49]);
        Assert.Equal(100 * 5 + 7, merged[0, 5, 7]);
    }

    [Fact]
    public void Upsampling_model_that_crops_its_border_matches_the_whole_image()
    {
        // Model: nearest ×2 upsampling, then 4 output pixels cropped per side (offset −8); input halo 4 → output halo 4.
        int[] sample = [23, 30];
        var image = new NdArray<float>(NumpyOracle.Random(23 * 30, seed: 31), sample, AxisId.DefaultFor(2));
        OutputAxisMap[] maps = [OutputAxisMap.FromInput(0, 2, -8), OutputAxisMap.FromInput(1, 2, -8)];
        var outShape = BlockTransform.OutputSampleShape(sample, maps).ToArray();
        Assert.Equal([46, 60], outShape);

        var merger = new Accumulator(outShape, AxisId.DefaultFor(2), [0, 0]);
        var tile = new float[16 * 16];
        foreach (var input in BlockPlanner.Split(sample, [16, 16], [Halo.Symmetric(4), Halo.Symmetric(4)], [8, 8]))
        {
            var output = BlockTransform.ToOutput(input, maps);
            Assert.Equal([24, 24], output.Shape.ToArray());
            Assert.Equal(4, output.Halo[0].Left);
            ReflectPad.Extract(image, input.Origin.AsSpan(), input.Shape.AsSpan(), tile);
            var produced = new float[24 * 24];
            for (int y = 0; y < 24; y++)
                for (int x = 0; x < 24; x++)
                    produced[y * 24 + x] = tile[((y + 4) / 2) * 16 + (x + 4) / 2];
            merger.Add(output, produced);
        }
        var merged = merger.Finish();
        for (int y = 0; y < 46; y++)
            for (int x = 0; x < 60; x++)
                Assert.Equal(image[y / 2, x / 2], merged[y, x]);
    }

    [Fact]
    public void Downsampling_model_matches_the_whole_image()
    {
        // Model: 2×2 mean pooling (factor ½); block origins are even, so the pooling cells are the whole image's.
        int[] sample = [40, 26];
        var image = new NdArray<float>(NumpyOracle.Random(40 * 26, seed: 32), sample, AxisId.DefaultFor(2));
        OutputAxisMap[] maps = [OutputAxisMap.FromInput(0, 0.5), OutputAxisMap.FromInput(1, 0.5)];
        var merger = new Accumulator([20, 13], AxisId.DefaultFor(2), [0, 0]);
        var tile = new float[16 * 16];
        foreach (var input in BlockPlanner.Split(sample, [16, 16], [Halo.Symmetric(2), Halo.Symmetric(2)], [12, 12]))
        {
            var output = BlockTransform.ToOutput(input, maps);
            ReflectPad.Extract(image, input.Origin.AsSpan(), input.Shape.AsSpan(), tile);
            var pooled = new float[8 * 8];
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                    pooled[y * 8 + x] = (tile[2 * y * 16 + 2 * x] + tile[2 * y * 16 + 2 * x + 1] + tile[(2 * y + 1) * 16 + 2 * x] + tile[(2 * y + 1) * 16 + 2 * x + 1]) / 4;
            merger.Add(output, pooled);
        }
        var merged = merger.Finish();
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 13; x++)
            {
                float expected = (image[2 * y, 2 * x] + image[2 * y, 2 * x + 1] + image[2 * y + 1, 2 * x] + image[2 * y + 1, 2 * x + 1]) / 4;
                Assert.Equal(expected, merged[y, x], 1e-6f);
            }
    }

    [Fact]
    public void Rejects_crops_larger_than_the_halo_odd_offsets_and_fractional_pixels()
    {
        var block = BlockPlanner.Split([40], [16], [Halo.Symmetric(2)], [12])[1];
        Assert.Throws<ArgumentException>(() => BlockTransform.ToOutput(block, [OutputAxisMap.FromInput(0, 1, -6)]));
        Assert.Throws<ArgumentException>(() => BlockTransform.ToOutput(block, [OutputAxisMap.FromInput(0, 1, -3)]));
        Assert.Throws<ArgumentException>(() => BlockTransform.ToOutput(block, [OutputAxisMap.FromInput(0, 0.25)]));
        Assert.Equal(4, BlockTransform.InputHalo(8, 2));
        Assert.Equal(16, BlockTransform.InputHalo(8, 0.5));
        Assert.Throws<ArgumentException>(() => BlockTransform.InputHalo(3, 2));
    }
}
