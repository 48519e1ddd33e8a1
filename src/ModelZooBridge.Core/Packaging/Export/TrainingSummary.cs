namespace ModelZooBridge.Packaging.Export;

/// <summary>How an exported network was trained, written into the package's documentation.</summary>
/// <param name="Data">The training data, e.g. <c>ISBI 2012 slices 0–19, validated on 20–24</c>.</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="Duration">Wall-clock training time.</param>
/// <param name="Seed">The random seed, so the run can be repeated.</param>
public sealed record TrainingSummary(string Data, int Epochs, TimeSpan Duration, long Seed)
{
    /// <summary>Validation figures of the exported weights in the order to show them, e.g. <c>("membrane F1", 0.91)</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Metrics { get; init; } = [];

    /// <summary>Further settings worth recording (loss, optimizer, patch size, augmentation), one line each.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
}
