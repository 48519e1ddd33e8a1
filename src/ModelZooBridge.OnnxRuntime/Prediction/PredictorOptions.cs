namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>How a <see cref="Predictor"/> runs: device, threads, memory budget and tiling overrides.</summary>
public sealed record PredictorOptions
{
    /// <summary>The execution provider asked for (<c>--device</c>); <see cref="DeviceRequest.Auto"/> by default.</summary>
    public DeviceRequest Device { get; init; } = DeviceRequest.Auto;

    /// <summary>ORT intra-op threads, set explicitly (default: the processor count).</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>ORT inter-op threads, set explicitly (default 1: the graphs are sequential).</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Memory allowed for one batch of blocks, input, outputs and the engine's working memory (default 1 GiB).</summary>
    public long MemoryBudgetBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Estimated engine working memory per block voxel (activations). Conservative for small U-Nets; lower it to get
    /// larger tiles within the same budget.
    /// </summary>
    public double EngineBytesPerVoxel { get; init; } = 512;

    /// <summary>Blocks run together along the model's batch axis (default 1; forced to 1 when the model fixes the batch).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>
    /// Overlap in input pixels of neighbouring blocks on tiled axes. Null: 0 when the model declares a halo
    /// (crop to valid), otherwise <see cref="DefaultBlendOverlap"/> (blended with a raised-cosine window).
    /// </summary>
    public int? Overlap { get; init; }

    /// <summary>The overlap used for models without a halo when <see cref="Overlap"/> is null.</summary>
    public const int DefaultBlendOverlap = 16;

    /// <summary>
    /// Test-time augmentation (off by default): every batch of blocks is also run flipped and rotated in the y,x plane
    /// (8 transforms; 16 with a flip along z for volumes), each output mapped back and the results averaged. Costs one
    /// engine run per transform. Rotations need square blocks; otherwise only flips run (see <see cref="PredictionReport.Transforms"/>).
    /// </summary>
    public bool TestTimeAugmentation { get; init; }

    /// <summary>Fixed cost of one block in voxel equivalents, given to <see cref="Tiling.TileShapeChooser"/> (favours fewer blocks).</summary>
    public long BlockOverheadVoxels { get; init; } = 4096;
}
