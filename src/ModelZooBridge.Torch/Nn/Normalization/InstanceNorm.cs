namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// Instance normalisation: each sample's channels are normalised with their own statistics, in training and evaluation
/// alike (<c>torch.nn.InstanceNorm2d</c>/<c>3d</c> with <c>track_running_stats=False</c>), optionally with an affine
/// <c>weight</c> (ones) and <c>bias</c> (zeros) as nnU-Net uses.
/// </summary>
public class InstanceNorm : Module<Tensor, Tensor>
{
    private readonly int _spatialRank;

    /// <summary>Creates the layer for inputs with <paramref name="spatialRank"/> spatial axes.</summary>
    public InstanceNorm(int spatialRank, long numFeatures, double eps = 1e-5, bool affine = true)
    {
        if (numFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, "feature count must be positive");
        _spatialRank = spatialRank;
        NumFeatures = numFeatures;
        Eps = eps;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numFeatures]));
            Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures]));
        }
    }

    /// <summary>Channels normalised.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Scale per channel, or null without affine parameters.</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift per channel, or null without affine parameters.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        NormalizationInput.CheckRank(input, _spatialRank, GetType().Name);
        return Functional.InstanceNorm(input, null, null, Weight, Bias, useInputStats: true, eps: Eps);
    }
}
