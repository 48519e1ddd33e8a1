namespace ModelZooBridge.Torch.Nn;

/// <summary>max(x, 0) (https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html).</summary>
public sealed class ReLU : ParameterLessModule
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Relu(input);
}
