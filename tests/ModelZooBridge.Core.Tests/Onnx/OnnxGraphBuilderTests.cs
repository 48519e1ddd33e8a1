using Google.Protobuf;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;
using ModelZooBridge.Tests.Oracles;
using static ModelZooBridge.Onnx.OnnxAttributes;

namespace ModelZooBridge.Tests.Onnx;

/// <summary>Graphs built with <see cref="OnnxGraphBuilder"/> are valid ONNX for python3-onnx, and mistakes are caught while building.</summary>
[Trait("Area", "Onnx")]
public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void EveryOperatorCase_PassesTheFullCheckerAndInfersItsOutputShape()
    {
        var folder = ExternalTool.NewTempFolder();
        try
        {
            foreach (var opCase in OnnxOpCases.All) File.WriteAllBytes(Path.Combine(folder, opCase.Name + ".onnx"), opCase.BuildModel());

            // The declared output shape is removed before inference, so the shapes printed are onnx's own.
            var printed = ExternalTool.RunPython("""
import json, os, sys, onnx
result = {}
for name in sorted(os.listdir(sys.argv[1])):
    m = onnx.load(os.path.join(sys.argv[1], name))
    onnx.checker.check_model(m, full_check=True)
    m.graph.output[0].type.tensor_type.ClearField("shape")
    inferred = onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)
    dims = inferred.graph.output[0].type.tensor_type.shape.dim
    result[name[:-5]] = [d.dim_value if d.HasField("dim_value") else "?" for d in dims]
print(json.dumps(result))
""", folder);

            var inferred = JsonDocument.Parse(printed).RootElement;
            foreach (var opCase in OnnxOpCases.All)
            {
                var dims = inferred.GetProperty(opCase.Name).EnumerateArray().ToArray();
                Assert.Equal(JsonValueKind.String, dims[0].ValueKind);
                Assert.Equal(opCase.OutputShape.Skip(1), dims.Skip(1).Select(d => d.GetInt32()));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BuiltModel_DeclaresOpsetIrAndSymbolicDimsAndReadsBackItsInitializers()
    {
        var graph = new OnnxGraphBuilder(opset: 17);
        var x = graph.AddInput("raw", DType.Float32, ["batch", 1, "y", "x"]);
        float[] weight = [0.5f, -1.25f, 2f, 3.5f];
        var w = graph.AddInitializer("encoder.0.conv1.weight", weight, [4, 1, 1, 1]);
        graph.AddInitializer("shape", new long[] { 1, 4, -1 }, [3]);
        var y = graph.AddNode("Conv", [x, w], "encoder.0.conv1", Ints("kernel_shape", 1, 1));
        graph.AddOutput(y, DType.Float32, ["batch", 4, "y", "x"]);
        var bytes = graph.Build("modelzoobridge", "0.1", "doc", new Dictionary<string, string> { ["arch"] = "unet2d" }).ToByteArray();

        var info = OnnxModelInfo.Read(new MemoryStream(bytes), "built.onnx");
        Assert.Equal(8, info.IrVersion);
        Assert.Equal(17, info.DefaultOpsetVersion);
        Assert.Equal("raw: FLOAT[batch,1,y,x]", Assert.Single(info.Inputs).ToString());
        Assert.Equal("encoder.0.conv1: FLOAT[batch,4,y,x]", Assert.Single(info.Outputs).ToString());
        Assert.Equal("unet2d", info.Metadata["arch"]);
        var initializers = OnnxInitializerReader.ReadFloat(new MemoryStream(bytes), "built.onnx");
        var read = Assert.Single(initializers);
        Assert.Equal("encoder.0.conv1.weight", read.Key);
        Assert.Equal(weight, read.Value.Data);
        Assert.Equal([4L, 1, 1, 1], read.Value.Shape);
    }

    [Fact]
    public void InputNeverProduced_IsRefusedWhenTheNodeIsAdded()
    {
        var graph = new OnnxGraphBuilder();
        var x = graph.AddInput("raw", DType.Float32, ["batch", 1, "y", "x"]);

        var error = Assert.Throws<ArgumentException>(() => graph.AddNode("Add", [x, "decoder.bias"], "add"));
        Assert.Contains("'decoder.bias'", error.Message);
        Assert.Throws<ArgumentException>(() => graph.AddOutput("missing", DType.Float32, [1]));
        Assert.Throws<ArgumentException>(() => graph.AddInitializer("raw", [1f], [1]));
        Assert.Throws<ArgumentException>(() => graph.AddInitializer("w", [1f, 2f], [3]));
        Assert.Throws<InvalidOperationException>(() => graph.Build("p", "1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxGraphBuilder(opset: 12));
    }

    [Fact]
    public void NamesFromModulePaths_AreMadeUniqueAndReservedNamesAreUsedAsGiven()
    {
        var graph = new OnnxGraphBuilder();
        var x = graph.AddInput("raw", DType.Float32, ["batch", 1, "y", "x"]);
        var first = graph.AddNode("Relu", [x], "encoder.0.act");
        var second = graph.AddNode("Relu", [first], "encoder.0.act");
        var reserved = graph.UniqueName("encoder.0", "", "act");
        var third = graph.AddNode("Relu", [second], reserved);
        var outputs = graph.AddNode("Relu", [third], ["probability"], "head");
        graph.AddOutput(outputs[0], DType.Float32, ["batch", 1, "y", "x"]);

        Assert.Equal(["encoder.0.act", "encoder.0.act_1", "encoder.0.act_2", "probability"], [first, second, third, outputs[0]]);
        Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", [x], ["probability"], "again"));
        var nodes = graph.Build("p", "1").Graph.Node;
        Assert.Equal(["encoder.0.act", "encoder.0.act_1", "encoder.0.act_2", "head"], nodes.Select(n => n.Name));
        Assert.Equal(AttributeProto.Types.AttributeType.Ints, Ints("pads", 0, 0).Type);
    }
}
