using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// <c>softmax</c> along one axis (default <c>channel</c>): <c>exp(x − max) / Σ exp(x − max)</c>, the maximum
/// subtracted for stability. Runs over whole rows of the trailing axes with <see cref="TensorPrimitives"/>.
/// </summary>
public sealed class Softmax : ProcessingOp
{
    private Softmax(string tensorId, AxisId axis) : base(tensorId) => Axis = axis;

    /// <summary>The axis the probabilities sum to 1 along.</summary>
    public AxisId Axis { get; }

    /// <summary>Builds the op from its description.</summary>
    public static Softmax FromDescr(SoftmaxDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        return new Softmax(tensorId, descr.Axis);
    }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(x);
        var input = x.ToFloat32();
        int axis = input.IndexOf(Axis);
        if (axis < 0) throw new ArgumentException($"softmax axis '{Axis}' is not among the tensor's axes '{input.AxesString}'", nameof(x));
        int n = input.Shape[axis];
        if (input.Length == 0) return new NdArray<float>(input.Shape.AsSpan(), input.Axes.AsSpan());
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= input.Shape[d];
        for (int d = axis + 1; d < input.Rank; d++) inner *= input.Shape[d];
        var result = new NdArray<float>(input.Shape.AsSpan(), input.Axes.AsSpan());
        input.Span.CopyTo(result.Span);
        var data = result.Span;
        var max = new float[inner];
        var sum = new float[inner];
        for (int o = 0; o < outer; o++)
        {
            var block = data.Slice(o * n * inner, n * inner);
            block[..inner].CopyTo(max);
            for (int k = 1; k < n; k++) TensorPrimitives.Max(max, block.Slice(k * inner, inner), max);
            Array.Clear(sum);
            for (int k = 0; k < n; k++)
            {
                var row = block.Slice(k * inner, inner);
                TensorPrimitives.Subtract(row, max, row);
                TensorPrimitives.Exp(row, row);
                TensorPrimitives.Add(sum, row, sum);
            }
            for (int k = 0; k < n; k++)
            {
                var row = block.Slice(k * inner, inner);
                TensorPrimitives.Divide(row, sum, row);
            }
        }
        return result;
    }
}
