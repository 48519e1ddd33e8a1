namespace ModelZooBridge.Torch.Nn;

/// <summary>A module with one input and one output; subclasses implement <see cref="Forward"/>.</summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class Module<TIn, TOut> : Module
{
    /// <summary>Computes the output; the result is a new tensor the caller (or its dispose scope) owns.</summary>
    /// <param name="input">The input.</param>
    public abstract TOut Forward(TIn input);
}
