using System.Collections.Frozen;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// <c>scale_mean_variance</c>: <c>(x − mean) / (std + eps) · (ref_std + eps) + ref_mean</c>, statistics over
/// <c>axes</c> of this tensor and of <c>reference_tensor</c>.
/// </summary>
public sealed class ScaleMeanVariance : ProcessingOp
{
    private readonly Measure _mean;
    private readonly Measure _std;
    private readonly Measure _refMean;
    private readonly Measure _refStd;
    private readonly float _eps;

    private ScaleMeanVariance(string tensorId, string reference, EquatableArray<AxisId>? axes, double eps) : base(tensorId)
    {
        _mean = Measure.Mean(tensorId, axes);
        _std = Measure.Std(tensorId, axes);
        _refMean = Measure.Mean(reference, axes);
        _refStd = Measure.Std(reference, axes);
        _eps = (float)eps;
        RequiredMeasures = new[] { _mean, _std, _refMean, _refStd }.ToFrozenSet();
    }

    /// <summary>Builds the op from its description.</summary>
    public static ScaleMeanVariance FromDescr(ScaleMeanVarianceDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        ArgumentException.ThrowIfNullOrEmpty(descr.ReferenceTensor);
        return new ScaleMeanVariance(tensorId, descr.ReferenceTensor, descr.Axes, descr.Eps);
    }

    /// <inheritdoc/>
    public override IReadOnlySet<Measure> RequiredMeasures { get; }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var normalised = Broadcast.Affine(x, stats[_mean], null, Broadcast.Map(stats[_std], s => s + _eps), null);
        return Broadcast.Affine(normalised, null, Broadcast.Map(stats[_refStd], s => s + _eps), null, stats[_refMean]);
    }
}
