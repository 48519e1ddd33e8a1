using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary><c>scale_linear</c>: <c>x · gain + offset</c>, scalars or one value per index of an axis (a single value broadcasts).</summary>
public sealed class ScaleLinear : ProcessingOp
{
    private readonly NdArray<float> _gain;
    private readonly NdArray<float> _offset;

    private ScaleLinear(string tensorId, NdArray<float> gain, NdArray<float> offset) : base(tensorId)
    {
        _gain = gain;
        _offset = offset;
    }

    /// <summary>Builds the op from its description.</summary>
    public static ScaleLinear FromDescr(ScaleLinearDescr descr, string tensorId)
    {
        ArgumentNullException.ThrowIfNull(descr);
        var gain = descr.Gain.IsEmpty ? [1.0] : descr.Gain.Items.ToArray();
        var offset = descr.Offset.IsEmpty ? [0.0] : descr.Offset.Items.ToArray();
        if (gain.Length > 1 && offset.Length > 1 && gain.Length != offset.Length)
            throw new ArgumentException($"scale_linear has {gain.Length} gains and {offset.Length} offsets", nameof(descr));
        return new ScaleLinear(tensorId, Broadcast.Values(gain, descr.Axis), Broadcast.Values(offset, descr.Axis));
    }

    /// <inheritdoc/>
    public override NdArray Apply(NdArray x, Stats stats) => Broadcast.Affine(x, null, _gain, null, _offset);
}
