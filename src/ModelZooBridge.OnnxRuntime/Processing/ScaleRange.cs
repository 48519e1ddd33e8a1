using System.Collections.Frozen;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// <c>scale_range</c>: <c>(x − p_lo) / (p_hi − p_lo + eps)</c> with percentiles over <c>axes</c> of this tensor or
/// of <c>reference_tensor</c>; not clipped.
/// </summary>
public sealed class ScaleRange : ProcessingOp
{
    private readonly Measure _lower;
    private readonly Measure _upper;
    private readonly float _eps;

    private ScaleRange(string tensorId, Measure lower, Measure upper, double eps) : base(tensorId)
    {
        _lower = lower;
        _upper = upper;
        _eps = (float)eps;
        RequiredMeasures = new[] { lower, upper }.ToFrozenSet();
    }

    /// <summary>Builds the op from its description.</summary>
    public static ScaleRange FromDescr(ScaleRangeDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        if (!(descr.MinPercentile < descr.MaxPercentile))
            throw new ArgumentException($"scale_range: min_percentile {descr.MinPercentile} must be below max_percentile {descr.MaxPercentile}", nameof(descr));
        string measured = descr.ReferenceTensor ?? tensorId;
        return new ScaleRange(tensorId,
            Measure.Percentile(measured, descr.Axes, descr.MinPercentile),
            Measure.Percentile(measured, descr.Axes, descr.MaxPercentile), descr.Eps);
    }

    /// <inheritdoc/>
    public override IReadOnlySet<Measure> RequiredMeasures { get; }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var lower = stats[_lower];
        var upper = stats[_upper];
        var range = new NdArray<float>(upper.Shape.AsSpan(), upper.Axes.AsSpan());
        for (int i = 0; i < range.Span.Length; i++) range.Span[i] = upper.Span[i] - lower.Span[i] + _eps;
        return Broadcast.Affine(x, lower, null, range, null);
    }
}
