using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary><c>sigmoid</c>: <c>1 / (1 + exp(−x))</c> elementwise.</summary>
public sealed class Sigmoid : ProcessingOp
{
    private Sigmoid(string tensorId) : base(tensorId) { }

    /// <summary>Builds the op from its description.</summary>
    public static Sigmoid FromDescr(SigmoidDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        return new Sigmoid(tensorId);
    }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(x);
        var input = x.ToFloat32();
        var result = new NdArray<float>(input.Shape.AsSpan(), input.Axes.AsSpan());
        TensorPrimitives.Sigmoid(input.Span, result.Span);
        return result;
    }
}
