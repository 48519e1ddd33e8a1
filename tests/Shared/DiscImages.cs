using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests;

/// <summary>
/// Tiny training data for tests (linked into the Torch and CLI test projects): images of one bright disc (or, in
/// volumes, a cylinder through every slice) on Gaussian noise, with 0/255 labels where the disc is.
/// </summary>
internal static class DiscImages
{
    /// <summary>Writes <paramref name="count"/> 8-bit images and labels named 0..count-1 with <paramref name="extension"/> (png or tif).</summary>
    /// <param name="depth">1 for 2D images (YX), more for stacks (ZYX).</param>
    public static void Write(string images, string labels, int count, int size = 32, int depth = 1, string extension = "png", long seed = 3)
    {
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(labels);
        var random = new SeededRandom(seed);
        int plane = size * size;
        var image = new byte[depth * plane];
        var label = new byte[depth * plane];
        for (int i = 0; i < count; i++)
        {
            double cy = size * (0.25 + random.NextDouble() * 0.5), cx = size * (0.25 + random.NextDouble() * 0.5);
            double r = size * (0.125 + random.NextDouble() * 0.125);
            for (int z = 0; z < depth; z++)
            {
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                    {
                        bool inside = (y - cy) * (y - cy) + (x - cx) * (x - cx) < r * r;
                        int at = z * plane + y * size + x;
                        label[at] = inside ? (byte)255 : (byte)0;
                        image[at] = (byte)Math.Clamp((inside ? 170 : 80) + random.NextGaussian() * 30, 0, 255);
                    }
                }
            }
            int[] shape = depth == 1 ? [size, size] : [depth, size, size];
            var axes = AxisId.ParseAll(depth == 1 ? "yx" : "zyx");
            ImageFiles.Write(Path.Combine(images, $"{i}.{extension}"), new NdArray<byte>((byte[])image.Clone(), shape, axes));
            ImageFiles.Write(Path.Combine(labels, $"{i}.{extension}"), new NdArray<byte>((byte[])label.Clone(), shape, axes));
        }
    }
}
