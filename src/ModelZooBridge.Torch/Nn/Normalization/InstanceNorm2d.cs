namespace ModelZooBridge.Torch.Nn;

/// <summary>Instance normalisation of (N, C, H, W) (https://pytorch.org/docs/1.13/generated/torch.nn.InstanceNorm2d.html).</summary>
public sealed class InstanceNorm2d(long numFeatures, double eps = 1e-5, bool affine = true) : InstanceNorm(2, numFeatures, eps, affine);
