using System.Collections.Frozen;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// <c>zero_mean_unit_variance</c>: <c>(x − mean) / (std + eps)</c> with mean and population std reduced over
/// <c>axes</c> (all when omitted, which core treats as dataset statistics).
/// </summary>
public sealed class ZeroMeanUnitVariance : ProcessingOp
{
    private readonly Measure _mean;
    private readonly Measure _std;
    private readonly float _eps;

    private ZeroMeanUnitVariance(string tensorId, EquatableArray<AxisId>? axes, double eps) : base(tensorId)
    {
        _mean = Measure.Mean(tensorId, axes);
        _std = Measure.Std(tensorId, axes);
        _eps = (float)eps;
        RequiredMeasures = new[] { _mean, _std }.ToFrozenSet();
    }

    /// <summary>Builds the op from its description.</summary>
    public static ZeroMeanUnitVariance FromDescr(ZeroMeanUnitVarianceDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        return new ZeroMeanUnitVariance(tensorId, descr.Axes, descr.Eps);
    }

    /// <inheritdoc/>
    public override IReadOnlySet<Measure> RequiredMeasures { get; }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return Broadcast.Affine(x, stats[_mean], null, Broadcast.Map(stats[_std], s => s + _eps), null);
    }
}
