using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// Batch normalisation over the channel axis (<c>torch.nn.BatchNorm2d</c>/<c>3d</c>): affine <c>weight</c> (ones) and
/// <c>bias</c> (zeros), buffers <c>running_mean</c> (zeros) and <c>running_var</c> (ones). Training uses batch
/// statistics and updates the running ones; evaluation uses the running ones. PyTorch's <c>num_batches_tracked</c>
/// buffer is not kept (it matters only with momentum = None).
/// </summary>
public class BatchNorm : Module<Tensor, Tensor>
{
    private readonly int _spatialRank;

    /// <summary>Creates the layer for inputs with <paramref name="spatialRank"/> spatial axes.</summary>
    public BatchNorm(int spatialRank, long numFeatures, double eps = 1e-5, double momentum = 0.1)
    {
        if (numFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, "feature count must be positive");
        _spatialRank = spatialRank;
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Weight = RegisterParameter("weight", Tensor.Ones([numFeatures]));
        Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures]));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([numFeatures]));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones([numFeatures]));
    }

    /// <summary>Channels normalised.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch statistics in the running ones.</summary>
    public double Momentum { get; }

    /// <summary>Scale per channel.</summary>
    public Tensor Weight { get; }

    /// <summary>Shift per channel.</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean per channel.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance per channel.</summary>
    public Tensor RunningVar { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        NormalizationInput.CheckRank(input, _spatialRank, GetType().Name);
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, IsTraining, Momentum, Eps);
    }

    /// <inheritdoc />
    /// <remarks><c>BatchNormalization</c> in inference mode: the running statistics, whatever this module's mode.</remarks>
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) =>
        graph.AddNode("BatchNormalization",
            [input, OnnxNames.Initializer(graph, path, "weight", Weight), OnnxNames.Initializer(graph, path, "bias", Bias),
             OnnxNames.Initializer(graph, path, "running_mean", RunningMean), OnnxNames.Initializer(graph, path, "running_var", RunningVar)],
            OnnxNames.Node(path, "BatchNormalization"), OnnxAttributes.Float("epsilon", (float)Eps));
}
