using System.Reflection;
using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Torch.Nn;

/// <summary>
/// Writes a network as an ONNX model computing its evaluation-mode forward pass followed by the class probabilities:
/// float32 input <c>input</c> (batch, channels, (z), y, x) with symbolic batch and spatial sizes, output <c>output</c>
/// = softmax over the channels, or sigmoid for a single class, the last layer <see cref="Packaging.Export.ModelPackageExporter"/>
/// expects inside the graph. Parameters and buffers are initializers named by their state-dict keys.
/// </summary>
public static class OnnxExport
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>The default-domain operator set written by default.</summary>
    public const int DefaultOpset = 17;

    private static readonly string[] SpatialNames = ["z", "y", "x"];

    /// <summary>Exports a U-Net: rank, channels and classes from its configuration; valid padding gives smaller outputs.</summary>
    /// <param name="model">The network.</param>
    /// <param name="opset">Default-domain operator set, <see cref="OnnxGraphBuilder.MinOpset"/> to <see cref="OnnxGraphBuilder.MaxOpset"/>.</param>
    public static ModelProto ToModel(UNet model, int opset = DefaultOpset)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToModel(model, model.Kind == UNetKind.TwoD ? 2 : 3, model.Config.InputChannels, model.Config.Classes, opset,
            preservesSpatialSize: model.Config.Padding == UNetPadding.Same);
    }

    /// <summary>Exports any tensor-to-tensor network whose output has one channel per class.</summary>
    /// <param name="model">The network; its parameters are read as they are now.</param>
    /// <param name="spatialRank">2 (y, x) or 3 (z, y, x).</param>
    /// <param name="inputChannels">Input channels.</param>
    /// <param name="classes">Output channels; 1 gives a sigmoid, more a softmax over them.</param>
    /// <param name="opset">Default-domain operator set.</param>
    /// <param name="preservesSpatialSize">True when the output has the input's spatial size (declared with the same
    /// symbolic dimensions); false leaves the output's spatial sizes unnamed.</param>
    public static ModelProto ToModel(Module<Tensor, Tensor> model, int spatialRank, int inputChannels, int classes, int opset = DefaultOpset,
        bool preservesSpatialSize = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (spatialRank is not (2 or 3)) throw new ArgumentOutOfRangeException(nameof(spatialRank), spatialRank, "spatial rank must be 2 or 3");
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var graph = new OnnxGraphBuilder(opset);
        var spatial = SpatialNames[^spatialRank..];
        graph.AddInput(InputName, DType.Float32, [OnnxDim.Symbolic("batch"), inputChannels, .. spatial.Select(OnnxDim.Symbolic)]);
        var logits = model.EmitOnnx(graph, InputName, "");
        if (classes == 1) graph.AddNode("Sigmoid", [logits], [OutputName], "probability");
        else graph.AddNode("Softmax", [logits], [OutputName], "probability", OnnxAttributes.Int("axis", 1));
        graph.AddOutput(OutputName, DType.Float32,
            [OnnxDim.Symbolic("batch"), classes, .. spatial.Select(name => preservesSpatialSize ? OnnxDim.Symbolic(name) : OnnxDim.Unknown)]);
        var version = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        return graph.Build("modelzoobridge", version, $"{model.GetType().Name} exported by ModelZooBridge (evaluation mode)");
    }
}
