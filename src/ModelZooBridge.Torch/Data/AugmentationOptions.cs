namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Which CPU augmentations a training patch gets, each with its probability and parameter range. The defaults
/// follow common U-Net practice (nnU-Net, DeepMIB): a random dihedral transform always, a spatial deformation
/// in about a third of the patches, mild intensity changes, rare noise. Intensity parameters are in units of the
/// normalised image (standard deviations under zero-mean-unit-variance). In 3D, rotation turns the y,x plane and
/// scaling acts on y,x only, because z is often sampled more coarsely.
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>Probability of a random dihedral transform (flips and 90° turns in y,x; a z flip in 3D). Default 1 (the identity is one of the choices).</summary>
    public double DihedralProbability { get; init; } = 1.0;

    /// <summary>Probability of an elastic deformation. Default 0.3.</summary>
    public double ElasticProbability { get; init; } = 0.3;

    /// <summary>Largest displacement of the elastic field in pixels. Default 0 … 8.</summary>
    public ValueRange ElasticMagnitude { get; init; } = new(0, 8);

    /// <summary>Smoothness of the elastic field: the Gaussian σ in pixels applied to white noise. Default 12.</summary>
    public double ElasticSigma { get; init; } = 12;

    /// <summary>Probability of a rotation by an arbitrary angle. Default 0.3.</summary>
    public double RotationProbability { get; init; } = 0.3;

    /// <summary>Rotation angle in degrees (90° turns come from the dihedral transform). Default −45 … 45.</summary>
    public ValueRange RotationDegrees { get; init; } = new(-45, 45);

    /// <summary>Probability of a zoom. Default 0.3.</summary>
    public double ScaleProbability { get; init; } = 0.3;

    /// <summary>Zoom factor (above 1 enlarges the content). Default 0.8 … 1.25.</summary>
    public ValueRange Scale { get; init; } = new(0.8, 1.25);

    /// <summary>Probability of adding a constant. Default 0.3.</summary>
    public double BrightnessProbability { get; init; } = 0.3;

    /// <summary>The constant added. Default −0.2 … 0.2.</summary>
    public ValueRange Brightness { get; init; } = new(-0.2, 0.2);

    /// <summary>Probability of scaling the values about the patch mean. Default 0.3.</summary>
    public double ContrastProbability { get; init; } = 0.3;

    /// <summary>The contrast factor. Default 0.75 … 1.25.</summary>
    public ValueRange Contrast { get; init; } = new(0.75, 1.25);

    /// <summary>Probability of a gamma curve over the patch's value range (the minimum and maximum stay fixed). Default 0.3.</summary>
    public double GammaProbability { get; init; } = 0.3;

    /// <summary>The gamma exponent. Default 0.7 … 1.5.</summary>
    public ValueRange Gamma { get; init; } = new(0.7, 1.5);

    /// <summary>Probability of additive Gaussian noise. Default 0.15.</summary>
    public double NoiseProbability { get; init; } = 0.15;

    /// <summary>Standard deviation of the noise. Default 0 … 0.1.</summary>
    public ValueRange NoiseSigma { get; init; } = new(0, 0.1);

    /// <summary>No augmentation: patches are plain crops.</summary>
    public static AugmentationOptions None { get; } = new()
    {
        DihedralProbability = 0, ElasticProbability = 0, RotationProbability = 0, ScaleProbability = 0,
        BrightnessProbability = 0, ContrastProbability = 0, GammaProbability = 0, NoiseProbability = 0,
    };

    /// <summary>Every augmentation on every patch, with the default ranges (for benchmarks and tests).</summary>
    public static AugmentationOptions Always { get; } = new()
    {
        DihedralProbability = 1, ElasticProbability = 1, RotationProbability = 1, ScaleProbability = 1,
        BrightnessProbability = 1, ContrastProbability = 1, GammaProbability = 1, NoiseProbability = 1,
    };

    /// <summary>True when any of the spatial deformations (elastic, rotation, scale) can happen.</summary>
    public bool AnySpatial => ElasticProbability > 0 || RotationProbability > 0 || ScaleProbability > 0;

    /// <summary>Throws for a probability outside [0, 1] or an invalid range.</summary>
    public void Validate()
    {
        foreach (var (name, p) in new[]
        {
            (nameof(DihedralProbability), DihedralProbability), (nameof(ElasticProbability), ElasticProbability),
            (nameof(RotationProbability), RotationProbability), (nameof(ScaleProbability), ScaleProbability),
            (nameof(BrightnessProbability), BrightnessProbability), (nameof(ContrastProbability), ContrastProbability),
            (nameof(GammaProbability), GammaProbability), (nameof(NoiseProbability), NoiseProbability),
        })
        {
            if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, p, "probability must be within [0, 1]");
        }
        ElasticMagnitude.Validate(nameof(ElasticMagnitude));
        RotationDegrees.Validate(nameof(RotationDegrees));
        Scale.Validate(nameof(Scale));
        Brightness.Validate(nameof(Brightness));
        Contrast.Validate(nameof(Contrast));
        Gamma.Validate(nameof(Gamma));
        NoiseSigma.Validate(nameof(NoiseSigma));
        if (!(ElasticSigma > 0)) throw new ArgumentOutOfRangeException(nameof(ElasticSigma), ElasticSigma, "must be positive");
        if (Scale.Min <= 0) throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "scale factors must be positive");
        if (Gamma.Min <= 0) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "gamma must be positive");
        if (NoiseSigma.Min < 0) throw new ArgumentOutOfRangeException(nameof(NoiseSigma), NoiseSigma, "noise sigma must be non-negative");
    }
}
