namespace ModelZooBridge.Torch.Nn;

/// <summary>Batch normalisation of (N, C, D, H, W) (https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm3d.html).</summary>
public sealed class BatchNorm3d(long numFeatures, double eps = 1e-5, double momentum = 0.1) : BatchNorm(3, numFeatures, eps, momentum);
