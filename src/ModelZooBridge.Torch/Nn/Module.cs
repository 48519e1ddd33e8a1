namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// A network layer or a composition of layers, as <c>torch.nn.Module</c>: it owns its parameters (leaf tensors that
/// require grad), buffers (e.g. BatchNorm's running statistics) and child modules, registered under names that form
/// PyTorch's dotted state-dict keys (<c>encoder.0.conv1.weight</c>). Registration fails loudly on a bad or repeated
/// name. Tensors a module owns are taken out of any <see cref="DisposeScope"/>; <see cref="Dispose"/> frees them.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];
    private bool _disposed;

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Sets training mode on this module and all descendants (BatchNorm uses batch statistics, Dropout drops).</summary>
    /// <param name="training">True for training, false for evaluation.</param>
    /// <returns>This module.</returns>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.Train(training);
        return this;
    }

    /// <summary>Sets evaluation mode on this module and all descendants (<c>Train(false)</c>).</summary>
    public Module Eval() => Train(false);

    /// <summary>Parameters with their dotted names, depth-first in registration order (<c>named_parameters()</c>).</summary>
    /// <param name="recurse">Include descendants' parameters.</param>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(bool recurse = true) => Named(m => m._parameters, recurse);

    /// <summary>The parameters, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor> Parameters(bool recurse = true) => NamedParameters(recurse).Select(p => p.Parameter);

    /// <summary>
    /// The parameters that still require grad, in the order of <see cref="NamedParameters"/>: what an optimizer should
    /// update once some are frozen (e.g. a transferred encoder).
    /// </summary>
    public IEnumerable<Tensor> TrainableParameters() => Parameters().Where(p => p.RequiresGrad);

    /// <summary>Buffers (state that is not trained, e.g. <c>running_mean</c>) with their dotted names.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(bool recurse = true) => Named(m => m._buffers, recurse);

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children;

    /// <summary>The direct children.</summary>
    public IEnumerable<Module> Children() => _children.Select(c => c.Module);

    /// <summary>The number of trainable scalars.</summary>
    public long ParameterCount() => Parameters().Sum(p => p.NumberOfElements);

    /// <summary>Parameters and buffers by dotted name, as PyTorch's <c>state_dict()</c> (aliases: do not dispose them).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() =>
        NamedParameters().Concat(NamedBuffers()).ToDictionary(e => e.Item1, e => e.Item2);

    /// <summary>
    /// Copies values into this module's parameters and buffers by name (<c>load_state_dict(strict=True)</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Naming every missing or unexpected key, or a shape mismatch.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDict();
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToArray();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new ArgumentException($"state dict does not fit {GetType().Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]", nameof(state));
        foreach (var (name, target) in own)
        {
            long[] expected = target.Shape, got = state[name].Shape;
            if (!expected.SequenceEqual(got))
                throw new ArgumentException($"{name}: expected shape ({string.Join(", ", expected)}), got ({string.Join(", ", got)})", nameof(state));
            target.CopyFrom(state[name]);
        }
    }

    /// <summary>Registers a trainable parameter: it is detached from dispose scopes and set to require grad.</summary>
    /// <returns>The parameter.</returns>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        if (!HoldsState) throw new InvalidOperationException($"{GetType().Name} is parameter-less and cannot register parameter '{name}'");
        DisposeScope.Detach(parameter);
        parameter.RequiresGrad = true;
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a buffer (state saved with the module but not trained).</summary>
    /// <returns>The buffer.</returns>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckName(name);
        if (!HoldsState) throw new InvalidOperationException($"{GetType().Name} is parameter-less and cannot register buffer '{name}'");
        DisposeScope.Detach(buffer);
        _buffers.Add((name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module under <paramref name="name"/>; it takes this module's training mode.</summary>
    /// <returns>The child.</returns>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        if (ReferenceEquals(module, this)) throw new InvalidOperationException($"a module cannot be its own child ('{name}')");
        module.Train(IsTraining);
        _children.Add((name, module));
        return module;
    }

    /// <summary>False for layers that must never hold parameters or buffers.</summary>
    private protected virtual bool HoldsState => true;

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException($"{GetType().Name}: a registered name cannot be empty", nameof(name));
        if (name.Contains('.')) throw new ArgumentException($"{GetType().Name}: registered name '{name}' cannot contain '.'", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new InvalidOperationException($"{GetType().Name}: '{name}' is already registered");
    }

    private IEnumerable<(string, Tensor)> Named(Func<Module, List<(string Name, Tensor Tensor)>> select, bool recurse)
    {
        foreach (var (name, tensor) in select(this)) yield return (name, tensor);
        if (!recurse) yield break;
        foreach (var (childName, child) in _children)
        {
            foreach (var (name, tensor) in child.Named(select, recurse: true))
                yield return ($"{childName}.{name}", tensor);
        }
    }

    /// <summary>Frees this module's parameters and buffers and disposes its children.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (_, tensor) in _parameters.Concat(_buffers)) tensor.Dispose();
        foreach (var (_, child) in _children) child.Dispose();
        GC.SuppressFinalize(this);
    }
}
