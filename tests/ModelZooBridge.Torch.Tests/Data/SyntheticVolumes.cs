using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests.Data;

/// <summary>Small in-memory volumes and on-disk image/label folders for the data pipeline tests.</summary>
internal static class SyntheticVolumes
{
    /// <summary>A volume with a smooth random image and a square of <paramref name="foreground"/> class pixels on class 0.</summary>
    public static TrainingVolume WithSquare(int depth, int height, int width, int squareStart, int squareSize, byte foreground = 1, int channels = 1, int seed = 1)
    {
        var random = new SeededRandom(seed);
        int voxels = depth * height * width;
        var image = new float[channels * voxels];
        for (int i = 0; i < image.Length; i++) image[i] = (float)random.NextDouble(-1, 1);
        var classes = new byte[voxels];
        for (int z = 0; z < depth; z++)
            for (int y = squareStart; y < squareStart + squareSize; y++)
                for (int x = squareStart; x < squareStart + squareSize; x++) classes[(z * height + y) * width + x] = foreground;
        return new TrainingVolume($"square{seed}", $"image{seed}.tif", $"label{seed}.tif", channels, depth, height, width, image, classes);
    }

    /// <summary>A fresh temporary folder, deleted when the returned handle is disposed.</summary>
    public static TempFolder NewFolder() => new();

    /// <summary>Writes <paramref name="values"/> with the given shape and axes to <paramref name="path"/>.</summary>
    public static string Write<T>(string path, T[] values, int[] shape, string axes) where T : unmanaged
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageFiles.Write(path, new NdArray<T>(values, shape, AxisId.ParseAll(axes)));
        return path;
    }

    /// <summary>Copies a file, creating the destination folder.</summary>
    public static void CopyFile(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination);
    }

    /// <summary>A temporary folder that deletes itself.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mzb-data-").FullName;

        public string Of(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
