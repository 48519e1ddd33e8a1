using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>Zeroes elements with probability p in training and scales the rest by 1/(1−p); identity in evaluation (https://pytorch.org/docs/1.13/generated/torch.nn.Dropout.html).</summary>
public sealed class Dropout : ParameterLessModule
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">Drop probability in [0, 1].</param>
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        P = p;
    }

    /// <summary>Drop probability.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);

    /// <inheritdoc />
    /// <remarks>Evaluation-mode dropout is the identity, so no node is added and the input passes through.</remarks>
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) => input;
}
