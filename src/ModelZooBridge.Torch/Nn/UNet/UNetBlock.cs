using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// One U-Net level's double convolution: <c>conv1 → norm1 → act1 → conv2 → norm2 → act2</c> (ReLU; the norms are
/// absent without normalisation, and then the convolutions carry a bias).
/// </summary>
public sealed class UNetBlock : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Channels of both convolutions' outputs.</param>
    /// <param name="kernel">Kernel per spatial axis (e.g. 3×3, 3×3×3 or 1×3×3).</param>
    /// <param name="padding">Same (zero padding k/2) or valid (none).</param>
    /// <param name="normalization">The normalisation after each convolution.</param>
    public UNetBlock(long inChannels, long outChannels, long[] kernel, UNetPadding padding, UNetNormalization normalization)
    {
        int rank = kernel.Length;
        long[] ones = [.. Enumerable.Repeat(1L, rank)];
        long[] pad = padding == UNetPadding.Same ? [.. kernel.Select(k => k / 2)] : new long[rank];
        bool bias = normalization == UNetNormalization.None;
        for (int i = 1; i <= 2; i++)
        {
            Add($"conv{i}", new Convolution(i == 1 ? inChannels : outChannels, outChannels, kernel, ones, pad, ones, bias));
            if (normalization == UNetNormalization.Batch) Add($"norm{i}", new BatchNorm(rank, outChannels));
            if (normalization == UNetNormalization.Instance) Add($"norm{i}", new InstanceNorm(rank, outChannels));
            Add($"act{i}", new ReLU());
        }
    }

    private void Add(string name, Module<Tensor, Tensor> layer) => _layers.Add(RegisterModule(name, layer));

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        using var scope = TorchRuntime.NewScope();
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return scope.MoveToOuter(x);
    }

    /// <inheritdoc />
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) => OnnxNames.Chain(graph, input, path, NamedChildren());
}
