using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// A transposed convolution over 2 or 3 spatial axes (<c>torch.nn.ConvTranspose2d</c>/<c>3d</c>); with kernel = stride
/// it is the U-Net's learned upsampling.
/// </summary>
public class ConvolutionTransposed : ConvolutionBase
{
    /// <summary>Creates the layer with per-axis kernel, stride, padding, output padding and dilation.</summary>
    public ConvolutionTransposed(long inChannels, long outChannels, long[] kernel, long[] stride, long[] padding, long[] outputPadding, long[] dilation, bool bias = true)
        : base([inChannels, outChannels, .. kernel], outChannels, bias, kernel, stride, padding, dilation)
    {
        if (outputPadding.Length != kernel.Length)
            throw new ArgumentException($"output padding needs {kernel.Length} entries, got {outputPadding.Length}", nameof(outputPadding));
        InChannels = inChannels;
        OutChannels = outChannels;
        _outputPadding = outputPadding;
    }

    private readonly long[] _outputPadding;

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Extra size added to one side of each spatial output axis.</summary>
    public IReadOnlyList<long> OutputPadding => _outputPadding;

    /// <inheritdoc />
    public override bool IsTransposed => true;

    private protected override IEnumerable<AttributeProto> ExtraOnnxAttributes => [OnnxAttributes.Ints("output_padding", _outputPadding)];

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.ConvolutionTransposed(input, Weight, Bias, StrideValues, PaddingValues, _outputPadding, DilationValues);
}
