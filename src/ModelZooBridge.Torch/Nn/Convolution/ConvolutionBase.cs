using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// What every convolution layer holds: <c>weight</c>, optional <c>bias</c>, and per-axis kernel, stride, padding and
/// dilation. Parameters start as PyTorch's do: weight kaiming-uniform with a = √5, bias U(−1/√fan_in, 1/√fan_in), drawn
/// from libtorch's generator (seed it with <see cref="TorchRuntime.ManualSeed"/>).
/// </summary>
public abstract class ConvolutionBase : Module<Tensor, Tensor>
{
    private protected ConvolutionBase(long[] weightShape, long outChannels, bool bias, long[] kernel, long[] stride, long[] padding, long[] dilation)
    {
        int spatial = kernel.Length;
        if (stride.Length != spatial || padding.Length != spatial || dilation.Length != spatial)
            throw new ArgumentException($"kernel, stride, padding and dilation need {spatial} entries each; got {kernel.Length}, {stride.Length}, {padding.Length}, {dilation.Length}");
        if (weightShape.Any(d => d <= 0)) throw new ArgumentException($"channel counts and kernel sizes must be positive, got weight shape ({string.Join(", ", weightShape)})");
        KernelSize = kernel;
        StrideValues = stride;
        PaddingValues = padding;
        DilationValues = dilation;
        Weight = RegisterParameter("weight", Tensor.Zeros(weightShape));
        Weight.KaimingUniformInPlace(Math.Sqrt(5));
        if (bias)
        {
            long fanIn = weightShape[1] * kernel.Aggregate(1L, (a, b) => a * b);
            double bound = 1 / Math.Sqrt(fanIn);
            Bias = RegisterParameter("bias", Tensor.Zeros([outChannels]));
            Bias.UniformInPlace(-bound, bound);
        }
    }

    /// <summary>The weight: (out, in, k…) for a convolution, (in, out, k…) for a transposed one.</summary>
    public Tensor Weight { get; }

    /// <summary>The bias (one per output channel), or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Kernel size per spatial axis.</summary>
    public IReadOnlyList<long> KernelSize { get; }

    /// <summary>Stride per spatial axis.</summary>
    public IReadOnlyList<long> Stride => StrideValues;

    /// <summary>Zero padding per spatial axis.</summary>
    public IReadOnlyList<long> Padding => PaddingValues;

    /// <summary>Dilation per spatial axis.</summary>
    public IReadOnlyList<long> Dilation => DilationValues;

    private protected long[] StrideValues { get; }

    private protected long[] PaddingValues { get; }

    private protected long[] DilationValues { get; }

    /// <summary>True for transposed convolutions.</summary>
    public abstract bool IsTransposed { get; }

    /// <inheritdoc />
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path)
    {
        string weight = OnnxNames.Initializer(graph, path, "weight", Weight);
        string[] inputs = Bias is null ? [input, weight] : [input, weight, OnnxNames.Initializer(graph, path, "bias", Bias)];
        string opType = IsTransposed ? "ConvTranspose" : "Conv";
        AttributeProto[] attributes =
        [
            OnnxAttributes.Ints("kernel_shape", [.. KernelSize]),
            OnnxAttributes.Ints("strides", StrideValues),
            OnnxAttributes.Ints("pads", [.. PaddingValues, .. PaddingValues]),
            OnnxAttributes.Ints("dilations", DilationValues),
            .. ExtraOnnxAttributes,
        ];
        return graph.AddNode(opType, inputs, OnnxNames.Node(path, opType), attributes);
    }

    /// <summary>Attributes beyond kernel, stride, padding and dilation (a transposed convolution's output padding).</summary>
    private protected virtual IEnumerable<AttributeProto> ExtraOnnxAttributes => [];

    private protected static long[] Repeat(long value, int spatial) => Enumerable.Repeat(value, spatial).ToArray();
}
