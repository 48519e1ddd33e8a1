namespace ModelZooBridge.Torch.Data;

/// <summary>
/// One labelled image held in memory: a float32 image laid out <c>c,z,y,x</c> (a 2D image has depth 1), its
/// class indices <c>z,y,x</c> (after <see cref="LabelMapping"/>), and optional per-pixel weights <c>z,y,x</c>.
/// </summary>
public sealed class TrainingVolume
{
    /// <summary>Wraps arrays already in the layouts above; their lengths must match the shape.</summary>
    public TrainingVolume(string name, string imagePath, string labelPath, int channels, int depth, int height, int width,
        float[] image, byte[] classes, float[]? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        long voxels = (long)depth * height * width;
        if (image.LongLength != voxels * channels)
            throw new ArgumentException($"image has {image.LongLength} values, expected {voxels * channels} for {channels}x{depth}x{height}x{width}", nameof(image));
        if (classes.LongLength != voxels)
            throw new ArgumentException($"labels have {classes.LongLength} values, expected {voxels} for {depth}x{height}x{width}", nameof(classes));
        if (weights is not null && weights.LongLength != voxels)
            throw new ArgumentException($"weights have {weights.LongLength} values, expected {voxels} for {depth}x{height}x{width}", nameof(weights));
        Name = name;
        ImagePath = imagePath;
        LabelPath = labelPath;
        Channels = channels;
        Depth = depth;
        Height = height;
        Width = width;
        Image = image;
        Classes = classes;
        Weights = weights;
    }

    /// <summary>The file name stem the image and label were matched by, with a region suffix after a split.</summary>
    public string Name { get; }

    /// <summary>The image file.</summary>
    public string ImagePath { get; }

    /// <summary>The label file.</summary>
    public string LabelPath { get; }

    /// <summary>Number of image channels.</summary>
    public int Channels { get; }

    /// <summary>Number of z slices (1 for a 2D image).</summary>
    public int Depth { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Number of columns.</summary>
    public int Width { get; }

    /// <summary>Pixels per channel: depth × height × width.</summary>
    public int VoxelCount => Depth * Height * Width;

    /// <summary>Normalised image values, <c>c,z,y,x</c>.</summary>
    public float[] Image { get; }

    /// <summary>Class index of each pixel, <c>z,y,x</c>.</summary>
    public byte[] Classes { get; }

    /// <summary>Per-pixel loss weights, <c>z,y,x</c>, or null for weight 1 everywhere.</summary>
    public float[]? Weights { get; }

    /// <summary>The same image and classes with per-pixel weights <c>z,y,x</c> (shared, not copied).</summary>
    public TrainingVolume WithWeights(float[] weights) =>
        new(Name, ImagePath, LabelPath, Channels, Depth, Height, Width, Image, Classes, weights);

    /// <summary>A copy of z slices [<paramref name="zStart"/>, +<paramref name="zCount"/>) and rows [<paramref name="yStart"/>, +<paramref name="yCount"/>).</summary>
    public TrainingVolume Region(string name, int zStart, int zCount, int yStart, int yCount)
    {
        if (zStart < 0 || zCount <= 0 || zStart + zCount > Depth || yStart < 0 || yCount <= 0 || yStart + yCount > Height)
            throw new ArgumentOutOfRangeException(nameof(zStart), $"region z {zStart}+{zCount}, y {yStart}+{yCount} is outside {Depth}x{Height}");
        int plane = yCount * Width;
        var image = new float[Channels * zCount * plane];
        var classes = new byte[zCount * plane];
        var weights = Weights is null ? null : new float[classes.Length];
        for (int z = 0; z < zCount; z++)
        {
            int source = ((zStart + z) * Height + yStart) * Width;
            Classes.AsSpan(source, plane).CopyTo(classes.AsSpan(z * plane));
            if (Weights is not null && weights is not null) Weights.AsSpan(source, plane).CopyTo(weights.AsSpan(z * plane));
            for (int c = 0; c < Channels; c++)
                Image.AsSpan(c * VoxelCount + source, plane).CopyTo(image.AsSpan((c * zCount + z) * plane));
        }
        return new TrainingVolume(name, ImagePath, LabelPath, Channels, zCount, yCount, Width, image, classes, weights);
    }
}
