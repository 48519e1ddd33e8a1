namespace ModelZooBridge.Torch.Data;

/// <summary>
/// One batch ready to copy into tensors: float32 images <c>N,C,(Z),Y,X</c>, int64 class indices <c>N,(Z),Y,X</c>
/// and, when the data has weights, float32 per-pixel weights of the label shape.
/// </summary>
public sealed class TrainingBatch
{
    /// <summary>Allocates a batch of <paramref name="batchSize"/> samples.</summary>
    public TrainingBatch(int epoch, int step, int batchSize, int channels, PatchSize patch, bool weighted)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        Epoch = epoch;
        Step = step;
        Patch = patch;
        ImageShape = [batchSize, channels, .. patch.SpatialShape];
        LabelShape = [batchSize, .. patch.SpatialShape];
        Images = new float[batchSize * channels * patch.VoxelCount];
        Classes = new long[batchSize * patch.VoxelCount];
        Weights = weighted ? new float[Classes.Length] : null;
        Origins = new PatchOrigin[batchSize];
    }

    /// <summary>The epoch the batch belongs to.</summary>
    public int Epoch { get; }

    /// <summary>The step within the epoch.</summary>
    public int Step { get; }

    /// <summary>The patch size.</summary>
    public PatchSize Patch { get; }

    /// <summary>Shape of <see cref="Images"/>: <c>[N,C,Y,X]</c> or <c>[N,C,Z,Y,X]</c>.</summary>
    public long[] ImageShape { get; }

    /// <summary>Shape of <see cref="Classes"/> and <see cref="Weights"/>: <c>[N,Y,X]</c> or <c>[N,Z,Y,X]</c>.</summary>
    public long[] LabelShape { get; }

    /// <summary>Number of samples.</summary>
    public int BatchSize => (int)ImageShape[0];

    /// <summary>Image values, C order.</summary>
    public float[] Images { get; }

    /// <summary>Class index per pixel, C order.</summary>
    public long[] Classes { get; }

    /// <summary>Loss weight per pixel, or null when the data has no weights.</summary>
    public float[]? Weights { get; }

    /// <summary>Where each sample was taken from (before augmentation).</summary>
    public PatchOrigin[] Origins { get; }

    /// <summary>The image values of sample <paramref name="index"/> (all channels).</summary>
    public Span<float> ImageOf(int index)
    {
        int length = Images.Length / BatchSize;
        return Images.AsSpan(index * length, length);
    }

    /// <summary>The classes of sample <paramref name="index"/>.</summary>
    public Span<long> ClassesOf(int index) => Classes.AsSpan(index * Patch.VoxelCount, Patch.VoxelCount);

    /// <summary>The weights of sample <paramref name="index"/>, or an empty span.</summary>
    public Span<float> WeightsOf(int index) => Weights is null ? [] : Weights.AsSpan(index * Patch.VoxelCount, Patch.VoxelCount);
}
