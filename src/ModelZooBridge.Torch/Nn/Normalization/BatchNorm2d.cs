namespace ModelZooBridge.Torch.Nn;

/// <summary>Batch normalisation of (N, C, H, W) (https://pytorch.org/docs/1.13/generated/torch.nn.BatchNorm2d.html).</summary>
public sealed class BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1) : BatchNorm(2, numFeatures, eps, momentum);
