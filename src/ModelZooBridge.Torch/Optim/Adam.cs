using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch.Optim;

/// <summary>
/// Adam (https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html) with L2 weight decay added to the gradient;
/// the update of <c>torch.optim.Adam</c> (PyTorch 1.13, amsgrad off). State: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// </summary>
public sealed unsafe class Adam : Optimizer
{
    private static readonly string[] Names = ["step", "exp_avg", "exp_avg_sq"];

    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">Leaf tensors that require grad.</param>
    /// <param name="learningRate">The step size (lr).</param>
    /// <param name="beta1">Decay of the first moment.</param>
    /// <param name="beta2">Decay of the second moment.</param>
    /// <param name="eps">Added to the denominator.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient.</param>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, (IntPtr* p, int n, out TorchOptimizerHandle h) => NativeMethods.mzb_adam_new(p, n, learningRate, beta1, beta2, eps, weightDecay, out h))
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateNames => Names;
}
