namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// A layer without parameters or buffers (activations, pooling, dropout, upsampling): its forward is a pure function of
/// the input and the mode, and registering a parameter or buffer on it throws.
/// </summary>
public abstract class ParameterLessModule : Module<Tensor, Tensor>
{
    private protected override bool HoldsState => false;
}
