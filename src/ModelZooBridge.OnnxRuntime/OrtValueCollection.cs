using System.Collections;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>The outputs of one <see cref="InferenceSession.Run"/>, in the order asked for; disposing it releases them all.</summary>
public sealed class OrtValueCollection : IReadOnlyList<OrtValue>, IDisposable
{
    private readonly OrtValue[] _values;
    private readonly string[] _names;

    internal OrtValueCollection(string[] names, OrtValue[] values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>The output names, in the same order as the values.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <inheritdoc />
    public OrtValue this[int index] => _values[index];

    /// <summary>The output called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">When no output has that name.</exception>
    public OrtValue this[string name]
    {
        get
        {
            var i = Array.IndexOf(_names, name);
            return i >= 0 ? _values[i] : throw new KeyNotFoundException($"no output '{name}'; outputs are {string.Join(", ", _names)}");
        }
    }

    /// <inheritdoc />
    public IEnumerator<OrtValue> GetEnumerator() => ((IEnumerable<OrtValue>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var value in _values)
            value.Dispose();
    }
}
