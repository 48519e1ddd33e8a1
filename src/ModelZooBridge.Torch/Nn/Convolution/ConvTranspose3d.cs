namespace ModelZooBridge.Torch.Nn;

/// <summary>3D transposed convolution (https://pytorch.org/docs/1.13/generated/torch.nn.ConvTranspose3d.html).</summary>
public sealed class ConvTranspose3d : ConvolutionTransposed
{
    /// <summary>Creates the layer with per-axis (z, y, x) kernel and stride and no padding, e.g. (1, 2, 2) to upsample only y and x.</summary>
    public ConvTranspose3d(long inChannels, long outChannels, long[] kernel, long[] stride, bool bias = true)
        : base(inChannels, outChannels, kernel, stride, Repeat(0, 3), Repeat(0, 3), Repeat(1, 3), bias)
    {
    }

    /// <summary>Creates the layer with a cubic kernel and equal stride and padding on all axes.</summary>
    public ConvTranspose3d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true)
        : base(inChannels, outChannels, Repeat(kernelSize, 3), Repeat(stride, 3), Repeat(padding, 3), Repeat(0, 3), Repeat(1, 3), bias)
    {
    }
}
