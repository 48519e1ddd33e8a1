using ModelZooBridge.Onnx;

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

    /// <inheritdoc />
    /// <remarks>ONNX's <c>InstanceNormalization</c> always takes scale and shift: without affine parameters they are
    /// constant ones and zeros, named apart from any state-dict key.</remarks>
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path)
    {
        string scale, shift;
        if (Weight is not null && Bias is not null)
            (scale, shift) = (OnnxNames.Initializer(graph, path, "weight", Weight), OnnxNames.Initializer(graph, path, "bias", Bias));
        else
        {
            var ones = new float[NumFeatures];
            Array.Fill(ones, 1f);
            scale = graph.AddInitializer(graph.UniqueName(path, "unit_scale"), ones, [NumFeatures]);
            shift = graph.AddInitializer(graph.UniqueName(path, "zero_shift"), new float[NumFeatures], [NumFeatures]);
        }
        return graph.AddNode("InstanceNormalization", [input, scale, shift], OnnxNames.Node(path, "InstanceNormalization"),
            OnnxAttributes.Float("epsilon", (float)Eps));
    }
}
