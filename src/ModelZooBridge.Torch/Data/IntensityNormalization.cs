namespace ModelZooBridge.Torch.Data;

/// <summary>How image values are scaled when loaded, per image and channel (prediction must use the same).</summary>
public enum IntensityNormalization
{
    /// <summary>Subtract the mean and divide by the standard deviation (bioimage.io <c>zero_mean_unit_variance</c>, per sample).</summary>
    ZeroMeanUnitVariance,
    /// <summary>Keep the stored values, converted to float32.</summary>
    None,
}
