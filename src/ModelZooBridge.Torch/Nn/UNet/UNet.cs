using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// A U-Net (Ronneberger et al. 2015) in the layout of the reference networks: per level a <see cref="UNetBlock"/>,
/// max-pooling down, a transposed convolution with kernel = stride up, the skip concatenated before the upsampled
/// map, and a 1×1 convolution to the class logits. State-dict keys: <c>encoder.{level}.conv1.weight</c>,
/// <c>up.{i}.weight</c>, <c>decoder.{i}.norm2.running_mean</c>, <c>head.bias</c>, where <c>up</c> and
/// <c>decoder</c> count from the deepest level upwards.
/// </summary>
public sealed class UNet : Module<Tensor, Tensor>
{
    private readonly ModuleList<UNetBlock> _encoder;
    private readonly ModuleList<MaxPool> _pool;
    private readonly ModuleList<ConvolutionTransposed> _up;
    private readonly ModuleList<UNetBlock> _decoder;
    private readonly Convolution _head;

    private UNet(UNetKind kind, UNetConfig config)
    {
        config.Validate();
        Kind = kind;
        Config = config;
        int rank = kind == UNetKind.TwoD ? 2 : 3;
        _encoder = RegisterModule("encoder", new ModuleList<UNetBlock>());
        _pool = RegisterModule("pool", new ModuleList<MaxPool>());
        _up = RegisterModule("up", new ModuleList<ConvolutionTransposed>());
        _decoder = RegisterModule("decoder", new ModuleList<UNetBlock>());
        long Filters(int level) => (long)config.FirstLevelFilters << level;
        for (int level = 0; level <= config.Depth; level++)
        {
            _encoder.Append(new UNetBlock(level == 0 ? config.InputChannels : Filters(level - 1), Filters(level), Kernel(level), config.Padding, config.Normalization));
            if (level < config.Depth) _pool.Append(new MaxPool(PoolFactor(level), PoolFactor(level), new long[rank]));
        }
        for (int level = config.Depth - 1; level >= 0; level--)
        {
            long[] factor = PoolFactor(level);
            _up.Append(new ConvolutionTransposed(Filters(level + 1), Filters(level), factor, factor, new long[rank], new long[rank], [.. Enumerable.Repeat(1L, rank)]));
            _decoder.Append(new UNetBlock(2 * Filters(level), Filters(level), Kernel(level), config.Padding, config.Normalization));
        }
        long[] one = [.. Enumerable.Repeat(1L, rank)];
        _head = RegisterModule("head", new Convolution(Filters(0), config.Classes, one, one, new long[rank], one));
    }

    /// <summary>A 2D U-Net over (N, C, H, W).</summary>
    public static UNet Create2D(UNetConfig config) => new(UNetKind.TwoD, config);

    /// <summary>A 3D U-Net over (N, C, D, H, W).</summary>
    public static UNet Create3D(UNetConfig config) => new(UNetKind.ThreeD, config);

    /// <summary>An anisotropic 3D U-Net: first level 1×3×3 convolutions and (1, 2, 2) pooling, deeper levels 3D (as DeepMIB's).</summary>
    public static UNet CreateAnisotropic3D(UNetConfig config) => new(UNetKind.Anisotropic3D, config);

    /// <summary>Which U-Net this is.</summary>
    public UNetKind Kind { get; }

    /// <summary>The configuration it was built from.</summary>
    public UNetConfig Config { get; }

    /// <summary>Convolution kernel of a level.</summary>
    public long[] Kernel(int level) => Kind switch
    {
        UNetKind.TwoD => [3, 3],
        UNetKind.Anisotropic3D when level == 0 => [1, 3, 3],
        _ => [3, 3, 3],
    };

    /// <summary>Pooling (and upsampling) factor per axis below a level.</summary>
    public long[] PoolFactor(int level) => Kind switch
    {
        UNetKind.TwoD => [2, 2],
        UNetKind.Anisotropic3D when level == 0 => [1, 2, 2],
        _ => [2, 2, 2],
    };

    /// <inheritdoc />
    /// <remarks>Intermediates are disposed before returning; autograd keeps what the backward pass needs.</remarks>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        using var scope = TorchRuntime.NewScope();
        var skips = new Tensor[Config.Depth];
        var x = input;
        for (int level = 0; level < Config.Depth; level++)
        {
            skips[level] = _encoder[level].Forward(x);
            x = _pool[level].Forward(skips[level]);
        }
        x = _encoder[Config.Depth].Forward(x);
        for (int i = 0; i < Config.Depth; i++)
        {
            var upsampled = _up[i].Forward(x);
            var skip = CenterCrop(skips[Config.Depth - 1 - i], upsampled.Shape);
            x = _decoder[i].Forward(Functional.Cat([skip, upsampled], 1));
        }
        return scope.MoveToOuter(_head.Forward(x));
    }

    /// <inheritdoc />
    /// <remarks>Emits the logits (no softmax); <see cref="OnnxExport"/> adds the final activation.</remarks>
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path)
    {
        var skips = new string[Config.Depth];
        var x = input;
        for (int level = 0; level < Config.Depth; level++)
        {
            skips[level] = _encoder[level].EmitOnnx(graph, x, OnnxNames.Child(path, $"encoder.{level}"));
            x = _pool[level].EmitOnnx(graph, skips[level], OnnxNames.Child(path, $"pool.{level}"));
        }
        x = _encoder[Config.Depth].EmitOnnx(graph, x, OnnxNames.Child(path, $"encoder.{Config.Depth}"));
        for (int i = 0; i < Config.Depth; i++)
        {
            var upsampled = _up[i].EmitOnnx(graph, x, OnnxNames.Child(path, $"up.{i}"));
            var skip = skips[Config.Depth - 1 - i];
            if (Config.Padding == UNetPadding.Valid) skip = EmitCenterCrop(graph, skip, upsampled, OnnxNames.Child(path, $"crop.{i}"));
            var joined = graph.AddNode("Concat", [skip, upsampled], OnnxNames.Child(path, $"concat.{i}"), OnnxAttributes.Int("axis", 1));
            x = _decoder[i].EmitOnnx(graph, joined, OnnxNames.Child(path, $"decoder.{i}"));
        }
        return _head.EmitOnnx(graph, x, OnnxNames.Child(path, "head"));
    }

    // CenterCrop as graph ops on the runtime shapes: start = (skip − target) / 2, end = start + target on every axis
    // (batch and channels agree, so they are kept whole), valid for any input size the network accepts.
    private static string EmitCenterCrop(OnnxGraphBuilder graph, string skip, string target, string path)
    {
        var skipShape = graph.AddNode("Shape", [skip], OnnxNames.Child(path, "skip_shape"));
        var targetShape = graph.AddNode("Shape", [target], OnnxNames.Child(path, "target_shape"));
        var excess = graph.AddNode("Sub", [skipShape, targetShape], OnnxNames.Child(path, "excess"));
        var two = graph.AddInitializer(graph.UniqueName(path, "two"), [2L], [1]);
        var start = graph.AddNode("Div", [excess, two], OnnxNames.Child(path, "start"));
        var end = graph.AddNode("Add", [start, targetShape], OnnxNames.Child(path, "end"));
        return graph.AddNode("Slice", [skip, start, end], path);
    }

    private void CheckInput(Tensor input)
    {
        long[] shape = input.Shape;
        int rank = Kind == UNetKind.TwoD ? 2 : 3;
        if (shape.Length != rank + 2 || shape[1] != Config.InputChannels)
            throw new ArgumentException($"{Kind} U-Net expects (N, {Config.InputChannels}, {(rank == 2 ? "H, W" : "D, H, W")}), got ({string.Join(", ", shape)})", nameof(input));
        if (Config.Padding != UNetPadding.Same) return;
        for (int axis = 0; axis < rank; axis++)
        {
            long factor = Enumerable.Range(0, Config.Depth).Aggregate(1L, (f, level) => f * PoolFactor(level)[axis]);
            if (shape[axis + 2] % factor != 0)
                throw new ArgumentException($"spatial size {shape[axis + 2]} on axis {axis + 2} is not divisible by the U-Net's pooling factor {factor}", nameof(input));
        }
    }

    // Valid convolutions leave the skip larger than the upsampled map: keep its centre.
    private static Tensor CenterCrop(Tensor skip, long[] target)
    {
        var cropped = skip;
        long[] shape = skip.Shape;
        for (int axis = 2; axis < shape.Length; axis++)
        {
            if (shape[axis] == target[axis]) continue;
            cropped = cropped.Narrow(axis, (shape[axis] - target[axis]) / 2, target[axis]);
        }
        return cropped;
    }
}
