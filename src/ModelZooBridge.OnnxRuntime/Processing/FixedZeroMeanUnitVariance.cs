using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary><c>fixed_zero_mean_unit_variance</c>: <c>(x − mean) / (std + eps)</c> with given values, scalar or per index of an axis.</summary>
public sealed class FixedZeroMeanUnitVariance : ProcessingOp
{
    private readonly NdArray<float> _mean;
    private readonly NdArray<float> _divisor;

    private FixedZeroMeanUnitVariance(string tensorId, NdArray<float> mean, NdArray<float> divisor) : base(tensorId)
    {
        _mean = mean;
        _divisor = divisor;
    }

    /// <summary>Builds the op from its description.</summary>
    public static FixedZeroMeanUnitVariance FromDescr(FixedZeroMeanUnitVarianceDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        if (descr.Mean.Count != descr.Std.Count)
            throw new ArgumentException($"fixed_zero_mean_unit_variance has {descr.Mean.Count} means and {descr.Std.Count} stds", nameof(descr));
        return new FixedZeroMeanUnitVariance(tensorId,
            Broadcast.Values(descr.Mean, descr.Axis), Broadcast.Values(descr.Std, descr.Axis, s => s + descr.Eps));
    }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats) => Broadcast.Affine(x, _mean, null, _divisor, null);
}
