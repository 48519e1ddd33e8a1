using ModelZooBridge.Arrays;

namespace ModelZooBridge.Bench;

/// <summary>Deterministic uniform [0, 1) float data for images and tiles: what a U-Net computes does not depend on it.</summary>
internal static class Noise
{
    public static float[] Floats(long count, int seed)
    {
        var random = new Random(seed);
        var values = new float[checked((int)count)];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle();
        return values;
    }

    public static NdArray<float> Image(int[] shape, string axes) =>
        new(Floats(NdArray.ElementCount(shape), seed: 1), shape, AxisId.ParseAll(axes));
}
