using System.Numerics.Tensors;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Packaging.Export;

/// <summary>
/// The cover of an exported package: the test input beside its prediction, both as 8-bit gray. The input's first
/// channel is stretched from its minimum to its maximum; the prediction is the foreground probability
/// (1 − p(background) for several classes, the single channel for one) times 255. Volumes show their middle z slice.
/// </summary>
public static class CoverImage
{
    /// <summary>A <c>yx</c> uint8 image twice as wide as the test tensors, input left, prediction right.</summary>
    /// <param name="input">The test input, axes <c>bcyx</c> or <c>bczyx</c>.</param>
    /// <param name="probabilities">The test output, the same axes and spatial sizes, one channel per class.</param>
    public static NdArray<byte> Create(NdArray input, NdArray probabilities)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(probabilities);
        int height = input.SizeOf(AxisId.Y), width = input.SizeOf(AxisId.X);
        var cover = new NdArray<byte>([height, 2 * width], [AxisId.Y, AxisId.X]);
        var image = Plane(input, channel: 0, out var inputFloat);
        var background = Plane(probabilities, channel: 0, out var outputFloat);
        try
        {
            float min = TensorPrimitives.Min(image), max = TensorPrimitives.Max(image);
            float scale = max > min ? 255f / (max - min) : 0f;
            bool singleClass = probabilities.SizeOf(AxisId.Channel) == 1;
            for (int y = 0; y < height; y++)
            {
                var row = cover.Span.Slice(y * 2 * width, 2 * width);
                var imageRow = image.Slice(y * width, width);
                var probabilityRow = background.Slice(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    row[x] = ToByte((imageRow[x] - min) * scale);
                    float foreground = singleClass ? probabilityRow[x] : 1f - probabilityRow[x];
                    row[width + x] = ToByte(foreground * 255f);
                }
            }
        }
        finally
        {
            inputFloat?.Dispose();
            outputFloat?.Dispose();
        }
        return cover;
    }

    // The y,x plane of batch 0 and the given channel (middle z for volumes); converted is the float copy made, if any.
    private static ReadOnlySpan<float> Plane(NdArray array, int channel, out NdArray<float>? converted)
    {
        var floats = array as NdArray<float> ?? array.ToFloat32();
        converted = ReferenceEquals(floats, array) ? null : floats;
        int planeSize = array.SizeOf(AxisId.Y) * array.SizeOf(AxisId.X);
        int depth = array.IndexOf(AxisId.Z) >= 0 ? array.SizeOf(AxisId.Z) : 1;
        long offset = ((long)channel * depth + depth / 2) * planeSize;
        return floats.Span.Slice((int)offset, planeSize);
    }

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);
}
