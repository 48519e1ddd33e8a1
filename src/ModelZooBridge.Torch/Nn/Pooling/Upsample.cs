namespace ModelZooBridge.Torch.Nn;

/// <summary>Upsampling by per-axis scale factors, nearest or (bi/tri)linear (https://pytorch.org/docs/1.13/generated/torch.nn.Upsample.html).</summary>
public sealed class Upsample : ParameterLessModule
{
    private readonly double[] _scale;

    /// <summary>Creates the layer; the scale array's length (2 or 3) is the spatial rank.</summary>
    public Upsample(double[] scale, UpsampleMode mode = UpsampleMode.Nearest, bool alignCorners = false)
    {
        if (scale.Length is not (2 or 3) || scale.Any(s => s <= 0)) throw new ArgumentException($"give 2 or 3 positive scale factors, got ({string.Join(", ", scale)})", nameof(scale));
        _scale = scale;
        Mode = mode;
        AlignCorners = alignCorners;
    }

    /// <summary>Scale factor per spatial axis.</summary>
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>Interpolation.</summary>
    public UpsampleMode Mode { get; }

    /// <summary>Linear modes: align the corner pixels' centres.</summary>
    public bool AlignCorners { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Upsample(input, _scale, Mode, AlignCorners);
}
