namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Up-weights the pixels an earlier prediction got wrong, as in bootstrapped training where a user corrects a
/// prediction and retrains: weight = 1 + <see cref="ErrorWeight"/> · [prediction ≠ label]. Predictions are label
/// images in the same raw encoding as the labels (e.g. 0/255 masks), one per training image, matched by stem.
/// </summary>
/// <param name="PredictionFolder">The folder of earlier predictions.</param>
/// <param name="ErrorWeight">The extra weight of a corrected pixel (w ≥ 0).</param>
public sealed record PredictionErrorWeights(string PredictionFolder, float ErrorWeight) : IWeightMapSource
{
    /// <inheritdoc/>
    public float[] WeightsFor(TrainingVolume volume, LabelMapping mapping)
    {
        string path = MatchingFile.In(PredictionFolder, volume, "prediction");
        var (raw, shape, _) = ImageVolumeReader.ReadLabels(path);
        MatchingFile.RequireSameShape(path, shape, volume);
        var predicted = new byte[raw.Length];
        mapping.Map(path, raw, predicted);
        var weights = new float[raw.Length];
        Compute(volume.Classes, predicted, ErrorWeight, weights);
        return weights;
    }

    /// <summary>Writes 1 + <paramref name="errorWeight"/> where the classes differ and 1 where they agree.</summary>
    public static void Compute(ReadOnlySpan<byte> labels, ReadOnlySpan<byte> predicted, float errorWeight, Span<float> weights)
    {
        if (labels.Length != predicted.Length || labels.Length != weights.Length)
            throw new ArgumentException($"{labels.Length} labels, {predicted.Length} predictions and {weights.Length} weights must be equal in number", nameof(weights));
        if (!float.IsFinite(errorWeight) || errorWeight < 0) throw new ArgumentOutOfRangeException(nameof(errorWeight), errorWeight, "must be finite and non-negative");
        float corrected = 1f + errorWeight;
        for (int i = 0; i < labels.Length; i++) weights[i] = labels[i] == predicted[i] ? 1f : corrected;
    }
}
