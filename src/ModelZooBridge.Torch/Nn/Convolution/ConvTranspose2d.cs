namespace ModelZooBridge.Torch.Nn;

/// <summary>2D transposed convolution (https://pytorch.org/docs/1.13/generated/torch.nn.ConvTranspose2d.html).</summary>
public sealed class ConvTranspose2d : ConvolutionTransposed
{
    /// <summary>Creates the layer with a square kernel and equal stride and padding on both axes.</summary>
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true)
        : base(inChannels, outChannels, Repeat(kernelSize, 2), Repeat(stride, 2), Repeat(padding, 2), Repeat(0, 2), Repeat(1, 2), bias)
    {
    }
}
