namespace ModelZooBridge.Torch.Nn;

/// <summary>2D max-pooling (https://pytorch.org/docs/1.13/generated/torch.nn.MaxPool2d.html); the stride defaults to the kernel size.</summary>
public sealed class MaxPool2d(long kernelSize, long? stride = null, long padding = 0)
    : MaxPool([kernelSize, kernelSize], [stride ?? kernelSize, stride ?? kernelSize], [padding, padding]);
