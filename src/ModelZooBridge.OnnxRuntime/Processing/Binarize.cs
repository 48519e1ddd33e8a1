using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary><c>binarize</c>: <c>x &gt; threshold</c> as a bool tensor; one threshold, or one per index of an axis.</summary>
public sealed class Binarize : ProcessingOp
{
    private readonly NdArray<float> _threshold;

    private Binarize(string tensorId, NdArray<float> threshold) : base(tensorId) => _threshold = threshold;

    /// <summary>Builds the op from its description.</summary>
    public static Binarize FromDescr(BinarizeDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        return new Binarize(tensorId, Broadcast.Values(descr.Threshold, descr.Axis));
    }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(x);
        var input = x.ToFloat32();
        var result = new NdArray<bool>(input.Shape.AsSpan(), input.Axes.AsSpan());
        var threshold = new Broadcast.Aligned(_threshold, input);
        int rowLength = input.Rank == 0 ? 1 : input.Shape[^1];
        var scratch = new float[rowLength];
        var source = input.Memory;
        var target = result.Memory;
        Broadcast.ForEachRow(input.Shape.AsSpan(), [threshold], (offset, parameterOffsets) =>
        {
            threshold.Row(parameterOffsets[0], scratch);
            var row = source.Span.Slice((int)offset, rowLength);
            var output = target.Span.Slice((int)offset, rowLength);
            for (int i = 0; i < row.Length; i++) output[i] = row[i] > scratch[i];
        });
        return result;
    }
}
