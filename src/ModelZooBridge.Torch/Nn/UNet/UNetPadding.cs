namespace ModelZooBridge.Torch.Nn;

/// <summary>How a U-Net's 3×3 convolutions treat borders.</summary>
public enum UNetPadding
{
    /// <summary>Zero padding keeps the size (spatial sizes must be divisible by the total pooling factor).</summary>
    Same,
    /// <summary>No padding: each convolution shrinks the map and skips are centre-cropped (the original U-Net).</summary>
    Valid,
}
