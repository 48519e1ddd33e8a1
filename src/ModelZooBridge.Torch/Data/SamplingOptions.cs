namespace ModelZooBridge.Torch.Data;

/// <summary>How batches are drawn from the training volumes (see <see cref="BatchGenerator"/>).</summary>
public sealed record SamplingOptions
{
    /// <summary>The patch size; depth 1 gives 2D batches.</summary>
    public required PatchSize Patch { get; init; }

    /// <summary>Samples per batch. Default 4.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>The run's seed; batch (epoch, step) depends only on it, so a resumed run gets the same batches.</summary>
    public long Seed { get; init; }

    /// <summary>Share of patches centred on a pixel of an oversampled class. Default 1/3 (nnU-Net's choice).</summary>
    public double ForegroundFraction { get; init; } = 1.0 / 3;

    /// <summary>The classes to centre on; null for every class but the most frequent (<see cref="PatchSampler.MinorityClasses"/>).</summary>
    public IReadOnlyList<int>? OversampledClasses { get; init; }

    /// <summary>The augmentations (default <see cref="AugmentationOptions"/>'s defaults).</summary>
    public AugmentationOptions Augmentation { get; init; } = new();
}
