using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>max(x, 0) (https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html).</summary>
public sealed class ReLU : ParameterLessModule
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Relu(input);

    /// <inheritdoc />
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) => graph.AddNode("Relu", [input], OnnxNames.Node(path, "Relu"));
}
