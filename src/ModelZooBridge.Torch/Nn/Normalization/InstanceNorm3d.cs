namespace ModelZooBridge.Torch.Nn;

/// <summary>Instance normalisation of (N, C, D, H, W) (https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm3d.html).</summary>
public sealed class InstanceNorm3d(long numFeatures, double eps = 1e-5, bool affine = true) : InstanceNorm(3, numFeatures, eps, affine);
