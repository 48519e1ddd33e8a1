using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.Bench;

/// <summary>Deterministic noise images and the tiles the engine sees of them (what a U-Net computes does not depend on the values).</summary>
internal static class Noise
{
    /// <summary>A raw image: uniform [0, 1).</summary>
    public static NdArray<float> Image(int[] shape, string axes) =>
        new(Uniform(NdArray.ElementCount(shape), seed: 1), shape, AxisId.ParseAll(axes));

    /// <summary>Uniform noise with mean 0 and variance 1, as the packages' zero_mean_unit_variance makes of <see cref="Image"/>.</summary>
    public static float[] Standardised(long count, int seed)
    {
        var values = Uniform(count, seed);
        for (int i = 0; i < values.Length; i++) values[i] = (values[i] - 0.5f) * MathF.Sqrt(12);
        return values;
    }

    /// <summary>
    /// The blocks of <paramref name="plan"/> cut from <paramref name="image"/> after zero_mean_unit_variance over the
    /// whole image, each reflect-padded as the predictor pads them: exactly the engine inputs of a prediction.
    /// </summary>
    public static List<float[]> Tiles(NdArray<float> image, BlockPlan plan)
    {
        var pixels = image.Span;
        double mean = 0, square = 0;
        foreach (var v in pixels) { mean += v; square += (double)v * v; }
        mean /= pixels.Length;
        float std = (float)Math.Sqrt(square / pixels.Length - mean * mean);
        var standardised = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) standardised[i] = (pixels[i] - (float)mean) / (std + 1e-6f);
        int[] shape = [1, 1, .. image.Shape];
        var sample = new NdArray<float>(standardised, shape, AxisId.ParseAll("bc" + image.AxesString));
        var blocks = BlockPlanner.Split(shape, plan.BlockShape.AsSpan(), plan.Halo.AsSpan(), plan.Stride.AsSpan());
        return [.. blocks.Select(block =>
        {
            var tile = new float[NdArray.ElementCount(block.Shape.AsSpan())];
            ReflectPad.Extract(sample, block.Origin.AsSpan(), block.Shape.AsSpan(), tile);
            return tile;
        })];
    }

    private static float[] Uniform(long count, int seed)
    {
        var random = new Random(seed);
        var values = new float[checked((int)count)];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle();
        return values;
    }
}
