using Google.Protobuf;
using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;
using static ModelZooBridge.Onnx.OnnxAttributes;

namespace ModelZooBridge.Tests;

/// <summary>
/// One operator graph built with <see cref="OnnxGraphBuilder"/>: input <c>input</c> (batch symbolic, other dims fixed),
/// seeded random weights, output <c>output</c>, and the PyTorch expression that computes the same thing. In
/// <see cref="Torch"/>, <c>x</c> is the input and <c>W</c> the model's initializers by name (read with onnx's own
/// numpy_helper, so the raw_data encoding is checked too), both as torch tensors; <c>F</c> is torch.nn.functional.
/// </summary>
internal sealed record OnnxOpCase(string Name, int[] InputShape, int[] OutputShape, string Torch, Func<OnnxGraphBuilder, string, string> Body)
{
    /// <summary>The serialised model (opset 17).</summary>
    public byte[] BuildModel()
    {
        var graph = new OnnxGraphBuilder(opset: 17, graphName: Name);
        var input = graph.AddInput("input", DType.Float32, Dims(InputShape));
        var output = graph.AddNode("Identity", [Body(graph, input)], ["output"], "output")[0];
        graph.AddOutput(output, DType.Float32, Dims(OutputShape));
        return graph.Build("modelzoobridge-test", "1", Name).ToByteArray();
    }

    /// <summary>The test input, seeded by the case name so every run feeds the same values.</summary>
    public float[] Input() => Uniform(InputShape.Aggregate(1, (a, d) => a * d), StableSeed(Name), -1f, 1f);

    public override string ToString() => Name;

    private static OnnxDim[] Dims(int[] shape) => [OnnxDim.Symbolic("batch"), .. shape.Skip(1).Select(d => OnnxDim.Fixed(d))];

    /// <summary>A seed from a name that, unlike string.GetHashCode, is the same in every process.</summary>
    internal static int StableSeed(string name) => name.Aggregate(17, (hash, ch) => unchecked(hash * 31 + ch));

    internal static float[] Uniform(int count, int seed, float lo, float hi)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = lo + (float)random.NextDouble() * (hi - lo);
        return data;
    }
}

/// <summary>The operators a U-Net export needs, each as a small graph with its PyTorch equivalent (tests/Shared).</summary>
internal static class OnnxOpCases
{
    public static IReadOnlyList<OnnxOpCase> All { get; } =
    [
        new("conv2d_bias_pads", [1, 3, 9, 11], [1, 4, 9, 11], "F.conv2d(x, W['c.weight'], W['c.bias'], padding=1)",
            (g, x) => Conv(g, x, "c", [4, 3, 3, 3], Ints("pads", 1, 1, 1, 1))),
        new("conv2d_strides_dilations", [1, 3, 13, 12], [1, 5, 7, 5], "F.conv2d(x, W['c.weight'], W['c.bias'], stride=2, padding=(2, 1), dilation=2)",
            (g, x) => Conv(g, x, "c", [5, 3, 3, 3], Ints("pads", 2, 1, 2, 1), Ints("strides", 2, 2), Ints("dilations", 2, 2))),
        new("conv3d_bias_pads", [1, 2, 5, 6, 7], [1, 3, 5, 6, 7], "F.conv3d(x, W['c.weight'], W['c.bias'], padding=1)",
            (g, x) => Conv(g, x, "c", [3, 2, 3, 3, 3], Ints("pads", 1, 1, 1, 1, 1, 1))),
        new("conv3d_kernel_133", [1, 2, 3, 6, 7], [1, 3, 3, 6, 7], "F.conv3d(x, W['c.weight'], W['c.bias'], padding=(0, 1, 1))",
            (g, x) => Conv(g, x, "c", [3, 2, 1, 3, 3], Ints("pads", 0, 1, 1, 0, 1, 1))),
        new("conv_transpose2d_k2_s2", [1, 3, 4, 5], [1, 2, 8, 10], "F.conv_transpose2d(x, W['up.weight'], W['up.bias'], stride=2)",
            (g, x) => ConvTranspose(g, x, [3, 2, 2, 2], Ints("strides", 2, 2))),
        new("conv_transpose3d_k2_s2", [1, 2, 3, 4, 5], [1, 3, 6, 8, 10], "F.conv_transpose3d(x, W['up.weight'], W['up.bias'], stride=2)",
            (g, x) => ConvTranspose(g, x, [2, 3, 2, 2, 2], Ints("strides", 2, 2, 2))),
        new("batch_norm_eval", [2, 3, 4, 5], [2, 3, 4, 5],
            "F.batch_norm(x, W['bn.running_mean'], W['bn.running_var'], W['bn.weight'], W['bn.bias'], False, 0.0, 1e-5)",
            (g, x) => g.AddNode("BatchNormalization",
                [x, Weight(g, "bn.weight", [3]), Weight(g, "bn.bias", [3]), Weight(g, "bn.running_mean", [3]), Weight(g, "bn.running_var", [3], lo: 0.5f, hi: 1.5f)],
                "bn", Float("epsilon", 1e-5f))),
        new("relu", [1, 3, 4, 5], [1, 3, 4, 5], "F.relu(x)", (g, x) => g.AddNode("Relu", [x], "relu")),
        new("leaky_relu", [1, 3, 4, 5], [1, 3, 4, 5], "F.leaky_relu(x, 0.01)", (g, x) => g.AddNode("LeakyRelu", [x], "act", Float("alpha", 0.01f))),
        new("sigmoid", [1, 3, 4, 5], [1, 3, 4, 5], "torch.sigmoid(x)", (g, x) => g.AddNode("Sigmoid", [x], "sigmoid")),
        new("softmax_channels", [1, 3, 4, 5], [1, 3, 4, 5], "F.softmax(x, dim=1)", (g, x) => g.AddNode("Softmax", [x], "softmax", Int("axis", 1))),
        new("max_pool2d", [1, 2, 6, 8], [1, 2, 3, 4], "F.max_pool2d(x, 2)",
            (g, x) => g.AddNode("MaxPool", [x], "pool", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2))),
        new("max_pool3d_122", [1, 2, 3, 6, 8], [1, 2, 3, 3, 4], "F.max_pool3d(x, (1, 2, 2))",
            (g, x) => g.AddNode("MaxPool", [x], "pool", Ints("kernel_shape", 1, 2, 2), Ints("strides", 1, 2, 2))),
        new("concat_channels", [1, 3, 4, 5], [1, 6, 4, 5], "torch.cat([x, F.relu(x)], 1)",
            (g, x) => g.AddNode("Concat", [x, g.AddNode("Relu", [x], "skip")], "cat", Int("axis", 1))),
        new("add_broadcast", [1, 3, 4, 5], [1, 3, 4, 5], "x + W['shift']", (g, x) => g.AddNode("Add", [x, Weight(g, "shift", [1, 3, 1, 1])], "add")),
        new("resize_nearest2d", [1, 2, 4, 5], [1, 2, 8, 10], "F.interpolate(x, scale_factor=2, mode='nearest')",
            (g, x) => Resize(g, x, [1, 1, 2, 2], "nearest")),
        new("resize_nearest3d_122", [1, 2, 3, 4, 5], [1, 2, 3, 8, 10], "F.interpolate(x, scale_factor=(1, 2, 2), mode='nearest')",
            (g, x) => Resize(g, x, [1, 1, 1, 2, 2], "nearest")),
        new("resize_linear2d", [1, 2, 4, 5], [1, 2, 8, 10], "F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)",
            (g, x) => Resize(g, x, [1, 1, 2, 2], "linear")),
    ];

    public static OnnxOpCase Get(string name) => All.Single(c => c.Name == name);

    private static string Conv(OnnxGraphBuilder g, string x, string module, long[] weightShape, params AttributeProto[] attributes)
    {
        var weight = Weight(g, $"{module}.weight", weightShape);
        var bias = Weight(g, $"{module}.bias", [weightShape[0]]);
        return g.AddNode("Conv", [x, weight, bias], module, [Ints("kernel_shape", weightShape[2..]), .. attributes]);
    }

    private static string ConvTranspose(OnnxGraphBuilder g, string x, long[] weightShape, AttributeProto strides)
    {
        var weight = Weight(g, "up.weight", weightShape);
        var bias = Weight(g, "up.bias", [weightShape[1]]);
        return g.AddNode("ConvTranspose", [x, weight, bias], "up", Ints("kernel_shape", weightShape[2..]), strides);
    }

    // Torch's nearest is ONNX's asymmetric/floor; its bilinear without align_corners is half_pixel.
    private static string Resize(OnnxGraphBuilder g, string x, float[] scales, string mode)
    {
        var scaleName = g.AddInitializer(g.UniqueName("up", "scales"), scales, [scales.Length]);
        return mode == "nearest"
            ? g.AddNode("Resize", [x, "", scaleName], "up", String("mode", mode), String("coordinate_transformation_mode", "asymmetric"), String("nearest_mode", "floor"))
            : g.AddNode("Resize", [x, "", scaleName], "up", String("mode", mode), String("coordinate_transformation_mode", "half_pixel"));
    }

    private static string Weight(OnnxGraphBuilder g, string name, long[] shape, float lo = -1f, float hi = 1f)
    {
        int count = (int)shape.Aggregate(1L, (a, d) => a * d);
        return g.AddInitializer(name, OnnxOpCase.Uniform(count, OnnxOpCase.StableSeed(name), lo, hi), shape);
    }
}
