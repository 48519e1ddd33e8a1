namespace ModelZooBridge.Torch.Nn;

/// <summary>The normalisation after each U-Net convolution.</summary>
public enum UNetNormalization
{
    /// <summary>Batch normalisation (convolutions without bias).</summary>
    Batch,
    /// <summary>Affine instance normalisation (convolutions without bias).</summary>
    Instance,
    /// <summary>None (convolutions with bias).</summary>
    None,
}
