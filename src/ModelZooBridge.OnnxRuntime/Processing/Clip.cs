using System.Collections.Frozen;
using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary><c>clip</c>: clamps to <c>[min, max]</c>; either bound may be a fixed value or a percentile over axes (spec 0.5.7).</summary>
public sealed class Clip : ProcessingOp
{
    private readonly double? _min;
    private readonly double? _max;
    private readonly Measure? _minMeasure;
    private readonly Measure? _maxMeasure;

    private Clip(string tensorId, double? min, double? max, Measure? minMeasure, Measure? maxMeasure) : base(tensorId)
    {
        _min = min;
        _max = max;
        _minMeasure = minMeasure;
        _maxMeasure = maxMeasure;
        RequiredMeasures = new[] { minMeasure, maxMeasure }.OfType<Measure>().ToFrozenSet();
    }

    /// <summary>Builds the op from its description.</summary>
    public static Clip FromDescr(ClipDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        if (descr.Min is null && descr.Max is null && descr.MinPercentile is null && descr.MaxPercentile is null)
            throw new ArgumentException("clip needs at least one bound", nameof(descr));
        if ((descr.Min is not null && descr.MinPercentile is not null) || (descr.Max is not null && descr.MaxPercentile is not null))
            throw new ArgumentException("clip: a bound is given both as a value and as a percentile", nameof(descr));
        var minMeasure = descr.MinPercentile is { } lo ? Measure.Percentile(tensorId, descr.Axes, lo) : null;
        var maxMeasure = descr.MaxPercentile is { } hi ? Measure.Percentile(tensorId, descr.Axes, hi) : null;
        return new Clip(tensorId, descr.Min, descr.Max, minMeasure, maxMeasure);
    }

    /// <inheritdoc/>
    public override IReadOnlySet<Measure> RequiredMeasures { get; }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(stats);
        var input = x.ToFloat32();
        var lo = _minMeasure is not null ? stats[_minMeasure] : _min is { } min ? Broadcast.Values([min], null) : null;
        var hi = _maxMeasure is not null ? stats[_maxMeasure] : _max is { } max ? Broadcast.Values([max], null) : null;
        var result = new NdArray<float>(input.Shape.AsSpan(), input.Axes.AsSpan());
        input.Span.CopyTo(result.Span);
        var bounds = new[] { lo, hi }.OfType<NdArray<float>>().Select(p => new Broadcast.Aligned(p, input)).ToArray();
        int rowLength = input.Rank == 0 ? 1 : input.Shape[^1];
        var scratch = new float[rowLength];
        var memory = result.Memory;
        Broadcast.ForEachRow(input.Shape.AsSpan(), bounds, (offset, parameterOffsets) =>
        {
            var row = memory.Span.Slice((int)offset, rowLength);
            int k = 0;
            if (lo is not null)
            {
                bounds[k].Row(parameterOffsets[k], scratch);
                TensorPrimitives.Max(row, scratch, row);
                k++;
            }
            if (hi is not null)
            {
                bounds[k].Row(parameterOffsets[k], scratch);
                TensorPrimitives.Min(row, scratch, row);
            }
        });
        return result;
    }
}
