using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>x for x ≥ 0, slope·x otherwise (https://pytorch.org/docs/1.13/generated/torch.nn.LeakyReLU.html).</summary>
/// <param name="negativeSlope">The slope for negative inputs.</param>
public sealed class LeakyReLU(double negativeSlope = 0.01) : ParameterLessModule
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, NegativeSlope);

    /// <inheritdoc />
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) =>
        graph.AddNode("LeakyRelu", [input], OnnxNames.Node(path, "LeakyRelu"), OnnxAttributes.Float("alpha", (float)NegativeSlope));
}
