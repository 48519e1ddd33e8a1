using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// <c>ensure_dtype</c>: casts to the named dtype. Unlike numpy's <c>astype</c>, out-of-range values saturate
/// (<see cref="NdArray.ConvertTo"/>); floats to integers truncate toward zero as in numpy.
/// </summary>
public sealed class EnsureDtype : ProcessingOp
{
    private EnsureDtype(string tensorId, DType dtype) : base(tensorId) => DType = dtype;

    /// <summary>The target dtype.</summary>
    public DType DType { get; }

    /// <summary>Builds the op from its description.</summary>
    /// <exception cref="NotSupportedException">For a dtype this host has no array type for (e.g. uint64).</exception>
    public static EnsureDtype FromDescr(EnsureDtypeDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        return DTypes.TryParse(descr.Dtype, out var dtype)
            ? new EnsureDtype(tensorId, dtype)
            : throw new NotSupportedException($"ensure_dtype to '{descr.Dtype}' is not supported");
    }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.DType != DType) return x.ConvertTo(DType);
        var copy = NdArray.Create(x.DType, x.Shape.AsSpan(), x.Axes.AsSpan());
        x.Bytes.CopyTo(copy.Bytes);
        return copy;
    }
}
