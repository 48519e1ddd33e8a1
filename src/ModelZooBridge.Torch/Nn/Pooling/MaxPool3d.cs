namespace ModelZooBridge.Torch.Nn;

/// <summary>3D max-pooling (https://pytorch.org/docs/1.13/generated/torch.nn.MaxPool3d.html) with per-axis (z, y, x) kernel; the stride equals the kernel, e.g. (1, 2, 2) pools only y and x.</summary>
public sealed class MaxPool3d(long[] kernel) : MaxPool(kernel, kernel, [0, 0, 0]);
