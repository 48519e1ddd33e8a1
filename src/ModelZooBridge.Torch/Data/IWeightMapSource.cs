namespace ModelZooBridge.Torch.Data;

/// <summary>Supplies per-pixel loss weights for a training volume.</summary>
public interface IWeightMapSource
{
    /// <summary>Weights <c>z,y,x</c> for <paramref name="volume"/> (same depth, height and width).</summary>
    /// <exception cref="TrainingDataException">When the source has no usable map for the volume, naming the file.</exception>
    float[] WeightsFor(TrainingVolume volume, LabelMapping mapping);
}
