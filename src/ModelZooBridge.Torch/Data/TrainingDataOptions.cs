namespace ModelZooBridge.Torch.Data;

/// <summary>Where the training data is and how to read and split it (see <see cref="TrainingData.Load"/>).</summary>
public sealed record TrainingDataOptions
{
    /// <summary>A folder of images, or one image file (a multi-page TIFF is a stack of slices or a volume).</summary>
    public required string Images { get; init; }

    /// <summary>A folder of labels matched to the images by file name stem, or one label file for one image file.</summary>
    public required string Labels { get; init; }

    /// <summary>Validation images (folder or file); when set, <see cref="ValidationFraction"/> is not used.</summary>
    public string? ValidationImages { get; init; }

    /// <summary>Labels for <see cref="ValidationImages"/>.</summary>
    public string? ValidationLabels { get; init; }

    /// <summary>
    /// The share held out for validation (0 for none; default 0.2): whole images chosen by <see cref="SplitSeed"/>,
    /// or, for a single image or volume, its last slices (or last rows for a single 2D image).
    /// </summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Seed of the image-wise validation split (default 0).</summary>
    public int SplitSeed { get; init; }

    /// <summary>How raw label values become classes (default <see cref="LabelEncoding.Auto"/>).</summary>
    public LabelEncoding LabelEncoding { get; init; } = LabelEncoding.Auto;

    /// <summary>The class count for integer labels; null takes the largest label value + 1.</summary>
    public int? ClassCount { get; init; }

    /// <summary>Image scaling at load time (default <see cref="IntensityNormalization.ZeroMeanUnitVariance"/>).</summary>
    public IntensityNormalization Normalization { get; init; } = IntensityNormalization.ZeroMeanUnitVariance;

    /// <summary>Per-pixel loss weights for the training images, or null for uniform weights.</summary>
    public IWeightMapSource? Weights { get; init; }
}
