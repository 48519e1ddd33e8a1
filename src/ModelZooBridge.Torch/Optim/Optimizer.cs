using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch.Optim;

/// <summary>
/// A first-order optimizer over a fixed list of parameters (leaf tensors that require grad), as <c>torch.optim.Optimizer</c>.
/// The update runs natively, outside autograd. The learning rate can be changed between steps (schedules), and the
/// per-parameter state tensors can be read and restored for checkpoints.
/// </summary>
public abstract unsafe class Optimizer : IDisposable
{
    private readonly TorchOptimizerHandle _handle;

    private protected delegate int Create(IntPtr* parameters, int count, out TorchOptimizerHandle handle);

    private protected Optimizer(IEnumerable<Tensor> parameters, Create create)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("an optimizer needs at least one parameter", nameof(parameters));
        var pointers = new IntPtr[Parameters.Count];
        for (int i = 0; i < pointers.Length; i++) pointers[i] = Parameters[i].Pointer;
        int status;
        fixed (IntPtr* p = pointers)
            status = create(p, pointers.Length, out _handle);
        GC.KeepAlive(Parameters);
        if (status != 0)
        {
            _handle.Dispose();
            NativeMethods.Check(status);
        }
    }

    /// <summary>The parameters, in the order state indices refer to.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The names of the per-parameter state tensors, as in PyTorch's <c>state_dict()['state'][i]</c>.</summary>
    public abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>The learning rate used by the next <see cref="Step"/>.</summary>
    public double LearningRate
    {
        get
        {
            NativeMethods.Check(NativeMethods.mzb_optimizer_get_learning_rate(_handle, out var value));
            return value;
        }
        set => NativeMethods.Check(NativeMethods.mzb_optimizer_set_learning_rate(_handle, value));
    }

    /// <summary>Updates every parameter that has a gradient; parameters without one are skipped, as in PyTorch.</summary>
    public void Step() => NativeMethods.Check(NativeMethods.mzb_optimizer_step(_handle));

    /// <summary>Drops every parameter's gradient (<c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad() => NativeMethods.Check(NativeMethods.mzb_optimizer_zero_grad(_handle));

    /// <summary>
    /// A state tensor of one parameter, aliasing the optimizer's own (dispose it when done; writing to it changes the
    /// state), or null before the first step that updated that parameter.
    /// </summary>
    /// <param name="parameter">Index into <see cref="Parameters"/>.</param>
    /// <param name="name">One of <see cref="StateNames"/>.</param>
    public Tensor? GetState(int parameter, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Tensor.FromNativeOrNull(NativeMethods.mzb_optimizer_get_state(_handle, parameter, name, out var result), result);
    }

    /// <summary>Sets a state tensor of one parameter to a copy of <paramref name="value"/> (restoring a checkpoint).</summary>
    public void SetState(int parameter, string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        NativeMethods.Check(NativeMethods.mzb_optimizer_set_state(_handle, parameter, name, value.Handle));
    }

    /// <summary>Frees the native optimizer (the parameters stay the caller's).</summary>
    public void Dispose()
    {
        _handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
