namespace ModelZooBridge.Torch.Nn;

/// <summary>2D convolution over (N, C, H, W) (https://pytorch.org/docs/1.13/generated/torch.nn.Conv2d.html).</summary>
public sealed class Conv2d : Convolution
{
    /// <summary>Creates the layer with a square kernel and equal stride, padding and dilation on both axes.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, bool bias = true)
        : base(inChannels, outChannels, Repeat(kernelSize, 2), Repeat(stride, 2), Repeat(padding, 2), Repeat(dilation, 2), bias)
    {
    }
}
