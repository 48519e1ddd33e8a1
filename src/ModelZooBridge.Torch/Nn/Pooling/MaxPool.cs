using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>Max-pooling with per-axis kernel, stride and padding (<c>torch.nn.MaxPool2d</c>/<c>3d</c>).</summary>
public class MaxPool : ParameterLessModule
{
    private readonly long[] _kernel, _stride, _padding;

    /// <summary>Creates the layer; the arrays' length (2 or 3) is the spatial rank.</summary>
    public MaxPool(long[] kernel, long[] stride, long[] padding)
    {
        if (kernel.Length is not (2 or 3) || stride.Length != kernel.Length || padding.Length != kernel.Length)
            throw new ArgumentException($"kernel, stride and padding need 2 or 3 entries each; got {kernel.Length}, {stride.Length}, {padding.Length}");
        (_kernel, _stride, _padding) = (kernel, stride, padding);
    }

    /// <summary>Kernel size per spatial axis.</summary>
    public IReadOnlyList<long> KernelSize => _kernel;

    /// <summary>Stride per spatial axis.</summary>
    public IReadOnlyList<long> Stride => _stride;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.MaxPool(input, _kernel, _stride, _padding);

    /// <inheritdoc />
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) =>
        graph.AddNode("MaxPool", [input], OnnxNames.Node(path, "MaxPool"), OnnxAttributes.Ints("kernel_shape", _kernel),
            OnnxAttributes.Ints("strides", _stride), OnnxAttributes.Ints("pads", [.. _padding, .. _padding]));
}
