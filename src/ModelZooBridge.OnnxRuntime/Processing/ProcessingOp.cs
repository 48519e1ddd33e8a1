using System.Collections.Frozen;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// One pre- or postprocessing operation bound to a tensor (bioimage.io core's <c>proc_ops</c>; formulas in spec §7).
/// Each kind is a sealed subclass with a static <c>FromDescr</c>; ops declare the statistics they need so that
/// <see cref="StatsCalculator"/> computes each once. <see cref="Apply"/> never modifies its input.
/// </summary>
public abstract class ProcessingOp
{
    private protected ProcessingOp(string tensorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tensorId);
        TensorId = tensorId;
    }

    /// <summary>The tensor (member id) this op transforms.</summary>
    public string TensorId { get; }

    /// <summary>Statistics <see cref="Apply"/> reads from its <see cref="Stats"/>.</summary>
    public virtual IReadOnlySet<Measure> RequiredMeasures => FrozenSet<Measure>.Empty;

    /// <summary>Applies the op to <paramref name="x"/> (a new array is returned).</summary>
    /// <param name="x">The tensor, any dtype; arithmetic ops compute in float32.</param>
    /// <param name="stats">Values of <see cref="RequiredMeasures"/>.</param>
    public abstract NdArray Apply(NdArray x, Stats stats);

    /// <summary>Builds the op for a processing description.</summary>
    /// <exception cref="NotSupportedException">For a description kind this host does not know.</exception>
    public static ProcessingOp FromDescr(ProcessingDescr descr, string tensorId) => descr switch
    {
        BinarizeDescr d => Binarize.FromDescr(d, tensorId),
        ClipDescr d => Clip.FromDescr(d, tensorId),
        EnsureDtypeDescr d => EnsureDtype.FromDescr(d, tensorId),
        FixedZeroMeanUnitVarianceDescr d => FixedZeroMeanUnitVariance.FromDescr(d, tensorId),
        ScaleLinearDescr d => ScaleLinear.FromDescr(d, tensorId),
        ScaleMeanVarianceDescr d => ScaleMeanVariance.FromDescr(d, tensorId),
        ScaleRangeDescr d => ScaleRange.FromDescr(d, tensorId),
        SigmoidDescr d => Sigmoid.FromDescr(d, tensorId),
        SoftmaxDescr d => Softmax.FromDescr(d, tensorId),
        ZeroMeanUnitVarianceDescr d => ZeroMeanUnitVariance.FromDescr(d, tensorId),
        null => throw new ArgumentNullException(nameof(descr)),
        _ => throw new NotSupportedException($"processing op '{descr.Id}' is not supported"),
    };
}
