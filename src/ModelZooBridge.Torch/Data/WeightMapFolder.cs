namespace ModelZooBridge.Torch.Data;

/// <summary>Weight maps stored as images (any numeric type, read as float32) in a folder, matched by stem.</summary>
/// <param name="Folder">The folder holding one weight map per training image.</param>
public sealed record WeightMapFolder(string Folder) : IWeightMapSource
{
    /// <inheritdoc/>
    public float[] WeightsFor(TrainingVolume volume, LabelMapping mapping)
    {
        string path = MatchingFile.In(Folder, volume, "weight map");
        var (values, shape) = ImageVolumeReader.ReadImage(path, IntensityNormalization.None);
        MatchingFile.RequireSameShape(path, shape, volume);
        if (values.Any(w => !float.IsFinite(w) || w < 0))
            throw new TrainingDataException($"{path}: weights must be finite and non-negative");
        return values;
    }
}
