namespace ModelZooBridge.Torch.Nn;

/// <summary>The U-Net family member: which axes are convolved and pooled.</summary>
public enum UNetKind
{
    /// <summary>(N, C, H, W): 3×3 convolutions, 2×2 pooling.</summary>
    TwoD,
    /// <summary>(N, C, D, H, W): 3×3×3 convolutions, 2×2×2 pooling.</summary>
    ThreeD,
    /// <summary>(N, C, D, H, W) for stacks with coarse z (as DeepMIB's): the first level convolves 1×3×3 and pools (1, 2, 2); deeper levels are 3D.</summary>
    Anisotropic3D,
}
