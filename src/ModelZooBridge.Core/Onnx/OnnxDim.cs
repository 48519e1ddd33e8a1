using System.Globalization;

namespace ModelZooBridge.Onnx;

/// <summary>
/// One dimension of an ONNX tensor shape (<c>TensorShapeProto.Dimension</c>): a fixed size, a symbolic name
/// (<c>dim_param</c>, e.g. <c>batch</c>) or unknown (neither set).
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? param)
    {
        Value = value;
        Param = param;
    }

    /// <summary>The fixed size, when <see cref="IsFixed"/>.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, when <see cref="IsSymbolic"/>.</summary>
    public string? Param { get; }

    /// <summary>True for a fixed size.</summary>
    public bool IsFixed => Value.HasValue;

    /// <summary>True for a named symbolic size.</summary>
    public bool IsSymbolic => Param is not null;

    /// <summary>True when the file says nothing about this dimension.</summary>
    public bool IsUnknown => !IsFixed && !IsSymbolic;

    /// <summary>A dimension of fixed size.</summary>
    public static OnnxDim Fixed(long value) => new(value, null);

    /// <summary>A dimension named <paramref name="param"/>.</summary>
    public static OnnxDim Symbolic(string param)
    {
        ArgumentNullException.ThrowIfNull(param);
        return new(null, param);
    }

    /// <summary>A dimension with neither size nor name.</summary>
    public static OnnxDim Unknown => default;

    /// <summary>A fixed dimension, so shapes can be written as <c>["batch", 1, "y", "x"]</c>.</summary>
    public static implicit operator OnnxDim(long value) => Fixed(value);

    /// <summary>A symbolic dimension, so shapes can be written as <c>["batch", 1, "y", "x"]</c>.</summary>
    public static implicit operator OnnxDim(string param) => Symbolic(param);

    /// <summary>The size, the symbolic name, or <c>?</c>.</summary>
    public override string ToString() => Value?.ToString(CultureInfo.InvariantCulture) ?? Param ?? "?";
}
