namespace ModelZooBridge.Torch;

/// <summary>
/// Collects every <see cref="Tensor"/> created on this thread while it is the innermost open scope and disposes them
/// with it, so a training step frees its intermediates (as TorchSharp's <c>DisposeScope</c>). What must survive is
/// said explicitly: <see cref="MoveToOuter"/> hands a tensor to the enclosing scope (or to nobody), <see cref="Detach"/>
/// removes it from scope tracking altogether. Scopes nest and must be disposed in reverse order on their own thread.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? _current;

    private readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private readonly DisposeScope? _outer;
    private bool _disposed;

    internal DisposeScope()
    {
        _outer = _current;
        _current = this;
    }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => _current;

    /// <summary>How many live tensors this scope will dispose (tensors disposed earlier leave it).</summary>
    public int Count => _tensors.Count;

    internal static void Track(Tensor tensor)
    {
        if (_current is null) return;
        _current._tensors.Add(tensor);
        tensor.OwningScope = _current;
    }

    internal void Forget(Tensor tensor) => _tensors.Remove(tensor);

    /// <summary>Moves tensors to the enclosing scope (or out of any scope when this is the outermost) and returns the first.</summary>
    /// <param name="tensors">Tensors that must outlive this scope.</param>
    public Tensor MoveToOuter(params ReadOnlySpan<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            if (!_tensors.Remove(tensor)) continue;
            _outer?._tensors.Add(tensor);
            tensor.OwningScope = _outer;
        }
        return tensors[0];
    }

    /// <summary>Removes tensors from scope tracking: the caller now owns them and disposes them itself.</summary>
    /// <param name="tensors">Tensors to release from every scope.</param>
    public static void Detach(params ReadOnlySpan<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.OwningScope?.Forget(tensor);
            tensor.OwningScope = null;
        }
    }

    /// <summary>Disposes every tracked tensor and makes the enclosing scope current again.</summary>
    /// <exception cref="InvalidOperationException">When an inner scope is still open, or on another thread.</exception>
    public void Dispose()
    {
        if (_disposed) return;
        if (!ReferenceEquals(_current, this))
            throw new InvalidOperationException("dispose scopes must be disposed innermost first, on the thread that opened them");
        _disposed = true;
        _current = _outer;
        var owned = _tensors.ToArray();
        _tensors.Clear();
        foreach (var tensor in owned)
        {
            tensor.OwningScope = null;
            tensor.Dispose();
        }
    }
}
