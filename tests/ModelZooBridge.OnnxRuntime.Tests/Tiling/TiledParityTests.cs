using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Tiling;

/// <summary>
/// The parity property without an engine: a "model" that is a local convolution with receptive-field radius
/// r, run block by block (reflect-padded blocks, halo ≥ r cropped, outputs merged by <see cref="Accumulator"/>),
/// reproduces the model applied to the whole reflect-padded image.
/// </summary>
[Trait("Area", "Tiling")]
public sealed class TiledParityTests
{
    public static TheoryData<int[], int[], int, int[]> Plans => new()
    {
        // sample, block, halo, stride
        { [57, 83], [32, 32], 3, [26, 26] },          // crop to valid, exact tiling
        { [57, 83], [32, 32], 3, [16, 16] },          // crop and blend the overlap
        { [20, 30], [48, 48], 5, [38, 38] },          // one block larger than the sample
        { [13, 21, 18], [12, 16, 16], 2, [8, 12, 4] }, // 3-D, mixed strides
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Convolution_with_halo_matches_the_whole_image(int[] sample, int[] block, int halo, int[] stride)
    {
        int r = halo;
        var image = new NdArray<float>(NumpyOracle.Random((int)NdArray.ElementCount(sample), seed: 5), sample, AxisId.DefaultFor(sample.Length));
        var padded = ReflectPad.Pad(image, Enumerable.Repeat(new PadWidth(r, r), sample.Length).ToArray());
        var whole = Convolve(padded.Span.ToArray(), padded.Shape.ToArray(), r);
        var expected = Crop(whole, padded.Shape.ToArray(), r);

        var halos = Enumerable.Repeat(Halo.Symmetric(halo), sample.Length).ToArray();
        var blocks = BlockPlanner.Split(sample, block, halos, stride);
        var merger = new Accumulator(sample, image.Axes.AsSpan(), BlendWindow.Overlap(block, halos, stride));
        var tile = new float[NdArray.ElementCount(block)];
        foreach (var b in blocks)
        {
            ReflectPad.Extract(image, b.Origin.AsSpan(), b.Shape.AsSpan(), tile);
            merger.Add(b, Convolve(tile, block, r));
        }
        var merged = merger.Finish();

        Assert.Equal(sample, merged.Shape);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - merged.Span[i]) <= 1e-5, $"element {i}: {merged.Span[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData(4, 4, true)]   // origins on the pooling grid: tiled == whole image
    [InlineData(3, 5, false)]  // same context, origins off the grid by one: seams
    public void A_pooling_model_needs_block_origins_on_the_step_grid(int haloLeft, int haloRight, bool aligned)
    {
        // Model: 2×2 average pooling, nearest upsampling, then a radius-2 convolution (receptive field 3 around a cell).
        int[] sample = [37, 29];
        var image = new NdArray<float>(NumpyOracle.Random(37 * 29, seed: 17), sample, AxisId.DefaultFor(2));
        var padding = new[] { new PadWidth(4, 4 + 1), new PadWidth(4, 4 + 1) }; // even padded size, grid anchored at −4
        var padded = ReflectPad.Pad(image, padding);
        var expected = CropRegion(PoolingModel(padded.Span.ToArray(), padded.Shape.ToArray()), padded.Shape.ToArray(),
            [new SliceInfo(4, 4 + 37), new SliceInfo(4, 4 + 29)]);

        var halos = new[] { new Halo(haloLeft, haloRight), new Halo(haloLeft, haloRight) };
        int[] block = [16, 16];
        int[] stride = [8, 8];
        var merger = new Accumulator(sample, image.Axes.AsSpan(), [0, 0]);
        var tile = new float[16 * 16];
        foreach (var b in BlockPlanner.Split(sample, block, halos, stride))
        {
            Assert.Equal(aligned, b.Origin.All(o => ((o % 2) + 2) % 2 == 0));
            ReflectPad.Extract(image, b.Origin.AsSpan(), b.Shape.AsSpan(), tile);
            merger.Add(b, PoolingModel(tile, block));
        }
        var merged = merger.Finish().Span.ToArray();
        double worst = Enumerable.Range(0, expected.Length).Max(i => Math.Abs(expected[i] - merged[i]));
        if (aligned) Assert.True(worst <= 1e-5, $"worst difference {worst}");
        else Assert.True(worst > 1e-3, $"worst difference {worst}");
    }

    [Fact]
    public void Too_small_a_halo_breaks_parity()
    {
        // The property can fail: with halo 1 for a radius-3 kernel the seams differ.
        int[] sample = [40, 40];
        var image = new NdArray<float>(NumpyOracle.Random(1600, seed: 9), sample, AxisId.DefaultFor(2));
        var padded = ReflectPad.Pad(image, [new PadWidth(3, 3), new PadWidth(3, 3)]);
        var expected = Crop(Convolve(padded.Span.ToArray(), padded.Shape.ToArray(), 3), padded.Shape.ToArray(), 3);
        var halos = new[] { Halo.Symmetric(1), Halo.Symmetric(1) };
        var merger = new Accumulator(sample, image.Axes.AsSpan(), [0, 0]);
        var tile = new float[16 * 16];
        foreach (var b in BlockPlanner.Split(sample, [16, 16], halos, [14, 14]))
        {
            ReflectPad.Extract(image, b.Origin.AsSpan(), b.Shape.AsSpan(), tile);
            merger.Add(b, Convolve(tile, [16, 16], 3));
        }
        var merged = merger.Finish().Span.ToArray();
        Assert.Contains(Enumerable.Range(0, expected.Length), i => Math.Abs(expected[i] - merged[i]) > 1e-3);
    }

    [Fact]
    public void Blend_weights_normalise_to_one_everywhere()
    {
        int[] sample = [70, 45];
        int[] block = [32, 24];
        int[] stride = [8, 16];
        var halos = new[] { Halo.None, Halo.None };
        var merger = new Accumulator(sample, AxisId.DefaultFor(2), BlendWindow.Overlap(block, halos, stride));
        var blocks = BlockPlanner.Split(sample, block, halos, stride);
        foreach (var b in blocks)
        {
            // Each block reports the sample coordinate sum, which blending must reproduce exactly.
            var output = new float[32 * 24];
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 24; x++)
                    output[y * 24 + x] = b.Origin[0] + y + 1000f * (b.Origin[1] + x);
            merger.Add(b, output);
        }
        Assert.All(merger.WeightSum.ToArray(), w => Assert.True(w > 0));
        var merged = merger.Finish();
        for (int y = 0; y < 70; y++)
            for (int x = 0; x < 45; x++)
                Assert.Equal(y + 1000f * x, merged[y, x], 1e-2f);
    }

    [Fact]
    public void Two_block_overlaps_are_a_partition_of_unity_before_normalising()
    {
        var halos = new[] { Halo.None };
        var merger = new Accumulator([48], AxisId.DefaultFor(1), BlendWindow.Overlap([32], halos, [16]));
        foreach (var b in BlockPlanner.Split([48], [32], halos, [16])) merger.Add(b, new float[32]);
        Assert.All(merger.WeightSum.ToArray(), w => Assert.Equal(1f, w, 1e-6f));
    }

    [Fact]
    public void Finish_reports_uncovered_positions()
    {
        var merger = new Accumulator([10], AxisId.DefaultFor(1), [0]);
        Assert.Throws<InvalidOperationException>(() => merger.Finish());
    }

    /// <summary>A separable-free local "model": each output is a fixed weighted sum over a (2r+1)^n neighbourhood, zeros outside the array.</summary>
    private static float[] Convolve(float[] input, int[] shape, int r)
    {
        var output = new float[input.Length];
        int rank = shape.Length;
        var index = new int[rank];
        var offsets = Neighbourhood(rank, r);
        for (int i = 0; i < input.Length; i++)
        {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) { index[d] = rest % shape[d]; rest /= shape[d]; }
            double sum = 0;
            foreach (var offset in offsets)
            {
                int flat = 0;
                bool inside = true;
                double weight = 1;
                for (int d = 0; d < rank; d++)
                {
                    int j = index[d] + offset[d];
                    if (j < 0 || j >= shape[d]) { inside = false; break; }
                    flat = flat * shape[d] + j;
                    weight *= 1.0 / (1 + Math.Abs(offset[d]) + d);
                }
                if (inside) sum += weight * input[flat];
            }
            output[i] = (float)sum;
        }
        return output;
    }

    private static float[] PoolingModel(float[] input, int[] shape)
    {
        int h = shape[0], w = shape[1];
        Assert.True(h % 2 == 0 && w % 2 == 0, "the pooling model needs even sizes (min + n·step with step 2)");
        var unpooled = new float[input.Length];
        for (int y = 0; y < h; y += 2)
            for (int x = 0; x < w; x += 2)
            {
                float mean = (input[y * w + x] + input[y * w + x + 1] + input[(y + 1) * w + x] + input[(y + 1) * w + x + 1]) / 4;
                unpooled[y * w + x] = unpooled[y * w + x + 1] = unpooled[(y + 1) * w + x] = unpooled[(y + 1) * w + x + 1] = mean;
            }
        return Convolve(unpooled, shape, 2);
    }

    private static float[] CropRegion(float[] data, int[] shape, SliceInfo[] region)
    {
        var result = new List<float>();
        BlockPlannerTests.ForEach(region, shape, offset => result.Add(data[offset]));
        return result.ToArray();
    }

    private static List<int[]> Neighbourhood(int rank, int r)
    {
        var list = new List<int[]> { Array.Empty<int>() };
        for (int d = 0; d < rank; d++)
            list = list.SelectMany(prefix => Enumerable.Range(-r, 2 * r + 1).Select(o => prefix.Append(o).ToArray())).ToList();
        return list;
    }

    private static float[] Crop(float[] data, int[] shape, int r)
    {
        var inner = shape.Select(s => s - 2 * r).ToArray();
        var result = new List<float>();
        var region = shape.Select(s => new SliceInfo(r, s - r)).ToArray();
        BlockPlannerTests.ForEach(region, shape, offset => result.Add(data[offset]));
        Assert.Equal(inner.Aggregate(1, (a, s) => a * s), result.Count);
        return result.ToArray();
    }
}
