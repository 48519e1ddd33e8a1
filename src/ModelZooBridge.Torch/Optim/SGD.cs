using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, the update of
/// <c>torch.optim.SGD</c> (https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html). State: <c>momentum_buffer</c>
/// (only with momentum).
/// </summary>
public sealed unsafe class SGD : Optimizer
{
    private static readonly string[] Names = ["momentum_buffer"];

    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">Leaf tensors that require grad.</param>
    /// <param name="learningRate">The step size (lr).</param>
    /// <param name="momentum">Momentum factor (0 = plain SGD).</param>
    /// <param name="dampening">Dampening of the momentum.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    /// <param name="nesterov">Nesterov momentum (needs momentum and zero dampening).</param>
    public SGD(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, (IntPtr* p, int n, out TorchOptimizerHandle h) =>
            NativeMethods.mzb_sgd_new(p, n, learningRate, momentum, dampening, weightDecay, nesterov ? 1 : 0, out h))
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateNames => Names;
}
