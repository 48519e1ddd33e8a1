namespace ModelZooBridge.Torch.Nn;

/// <summary>3D convolution over (N, C, D, H, W) (https://pytorch.org/docs/1.13/generated/torch.nn.Conv3d.html).</summary>
public sealed class Conv3d : Convolution
{
    /// <summary>Creates the layer with per-axis (z, y, x) kernel and padding, e.g. kernel (1, 3, 3) for a 2D-like layer.</summary>
    public Conv3d(long inChannels, long outChannels, long[] kernel, long[] padding, bool bias = true)
        : base(inChannels, outChannels, kernel, Repeat(1, 3), padding, Repeat(1, 3), bias)
    {
    }

    /// <summary>Creates the layer with a cubic kernel and equal stride, padding and dilation on all axes.</summary>
    public Conv3d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, bool bias = true)
        : base(inChannels, outChannels, Repeat(kernelSize, 3), Repeat(stride, 3), Repeat(padding, 3), Repeat(dilation, 3), bias)
    {
    }
}
