namespace ModelZooBridge.Torch.Nn;

/// <summary>A convolution over 2 or 3 spatial axes (<c>torch.nn.Conv2d</c>/<c>Conv3d</c>; see <see cref="Conv2d"/>, <see cref="Conv3d"/>).</summary>
public class Convolution : ConvolutionBase
{
    /// <summary>Creates the layer with per-axis kernel, stride, padding and dilation (their length is the spatial rank).</summary>
    public Convolution(long inChannels, long outChannels, long[] kernel, long[] stride, long[] padding, long[] dilation, bool bias = true)
        : base([outChannels, inChannels, .. kernel], outChannels, bias, kernel, stride, padding, dilation)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <inheritdoc />
    public override bool IsTransposed => false;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.Convolution(input, Weight, Bias, StrideValues, PaddingValues, DilationValues);
}
