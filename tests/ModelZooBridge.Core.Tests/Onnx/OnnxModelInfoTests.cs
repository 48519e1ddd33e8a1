using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Onnx;

[Trait("Area", "Onnx")]
public sealed class OnnxModelInfoTests
{
    [Fact]
    public void RealUNetWeights_MatchPythonOnnx()
    {
        var info = OnnxModelInfo.Read(TestFiles.UNetNucleiBroadOnnx);

        AssertMatchesOracle(info, OnnxOracle.Describe(TestFiles.UNetNucleiBroadOnnx));
        // Facts stated in the reference-packages README, independently of python.
        Assert.Equal(9, info.IrVersion);
        Assert.Equal(20, info.DefaultOpsetVersion);
        Assert.Equal("pytorch", info.ProducerName);
        var input = Assert.Single(info.Inputs);
        Assert.Equal("input.1", input.Name);
        Assert.Equal(DType.Float32, input.ElementType);
        Assert.True(input.IsStatic);
        Assert.Equal([1L, 1, 512, 512], input.Dims!.Select(d => d.Value!.Value));
        var output = Assert.Single(info.Outputs);
        Assert.Equal("82", output.Name);
        Assert.Equal("82: FLOAT[1,1,512,512]", output.ToString());
        Assert.NotEmpty(info.Initializers);
        Assert.All(info.Initializers, i => Assert.False(i.IsExternal));
    }

    [Fact]
    public void TinySymbolicModel_MatchesPythonOnnx()
    {
        var info = OnnxModelInfo.Read(TestFiles.TinySymbolicOnnx);

        AssertMatchesOracle(info, OnnxOracle.Describe(TestFiles.TinySymbolicOnnx));
        Assert.Equal(17, info.DefaultOpsetVersion);
        Assert.Equal(1, info.Opsets["com.example"]);
        Assert.Equal(["x", "y", "k"], info.Inputs.Select(i => i.Name));
        var x = info.Inputs[0];
        Assert.Equal(4, x.Rank);
        Assert.False(x.IsStatic);
        Assert.Equal(OnnxDim.Symbolic("batch"), x.Dims![0]);
        Assert.Equal(OnnxDim.Fixed(3), x.Dims[1]);
        Assert.True(x.Dims[3].IsUnknown);
        Assert.Equal("x: FLOAT[batch,3,height,?]", x.ToString());
        var y = info.Inputs[1];
        Assert.Null(y.ElementType);
        Assert.Equal("FLOAT16", y.ElementTypeName);
        Assert.Equal(DType.Int64, info.Inputs[2].ElementType);
        var w = Assert.Single(info.Initializers);
        Assert.Equal(("w", DType.Float32), (w.Name, w.ElementType));
        Assert.Equal([1L, 3, 1, 1], w.Dims);
        Assert.Equal("reader test", info.Metadata["purpose"]);
    }

    [Fact]
    public void ReadsFromANonSeekableStream()
    {
        var bytes = File.ReadAllBytes(TestFiles.TinySymbolicOnnx);
        using var stream = new NonSeekableStream(new MemoryStream(bytes));

        var info = OnnxModelInfo.Read(stream, "tiny");

        Assert.Equal(3, info.Inputs.Count);
    }

    [Fact]
    public void InitializerListedAsGraphInput_IsNotAModelInput()
    {
        var path = Path.Combine(ExternalTool.NewTempFolder(), "ir3.onnx");
        try
        {
            ExternalTool.RunPython("""
import sys, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
w = numpy_helper.from_array(np.ones((2,), np.float32), name="w")
g = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"])], "g",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2]), helper.make_tensor_value_info("w", TensorProto.FLOAT, [2])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])], initializer=[w])
m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 11)])
m.ir_version = 3
onnx.save(m, sys.argv[1])
""", path);

            var info = OnnxModelInfo.Read(path);

            Assert.Equal(["x", "w"], info.GraphInputs.Select(i => i.Name));
            Assert.Equal(["x"], info.Inputs.Select(i => i.Name));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void LargeModel_IsReadWithoutCopyingItsWeights()
    {
        var folder = ExternalTool.NewTempFolder();
        var path = Path.Combine(folder, "large.onnx");
        try
        {
            // 160 MB of weights in one initializer, written by python3-onnx.
            ExternalTool.RunPython("""
import sys, numpy as np, onnx
from onnx import helper, numpy_helper, TensorProto
w = numpy_helper.from_array(np.zeros((40, 1000, 1000), np.float32), name="big")
g = helper.make_graph([helper.make_node("Add", ["x", "big"], ["y"])], "large",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [40, 1000, 1000])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [40, 1000, 1000])], initializer=[w])
onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), sys.argv[1])
""", path);
            Assert.True(new FileInfo(path).Length > 160_000_000);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var info = OnnxModelInfo.Read(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal([40L, 1000, 1000], Assert.Single(info.Initializers).Dims);
            Assert.True(allocated < 1_000_000, $"reading allocated {allocated} bytes");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertMatchesOracle(OnnxModelInfo info, JsonElement expected)
    {
        Assert.Equal(expected.GetProperty("ir_version").GetInt64(), info.IrVersion);
        Assert.Equal(
            expected.GetProperty("opsets").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).Order(),
            info.Opsets.Select(p => (p.Key, p.Value)).Order());
        Assert.Equal(expected.GetProperty("producer_name").GetString(), info.ProducerName);
        Assert.Equal(expected.GetProperty("producer_version").GetString(), info.ProducerVersion);
        Assert.Equal(expected.GetProperty("graph_name").GetString(), info.GraphName);
        AssertValues(expected.GetProperty("inputs"), info.GraphInputs);
        AssertValues(expected.GetProperty("outputs"), info.Outputs);
        var initializers = expected.GetProperty("initializers").EnumerateArray().ToArray();
        Assert.Equal(initializers.Length, info.Initializers.Count);
        for (var i = 0; i < initializers.Length; i++)
        {
            Assert.Equal(initializers[i].GetProperty("name").GetString(), info.Initializers[i].Name);
            Assert.Equal(initializers[i].GetProperty("dims").EnumerateArray().Select(d => d.GetInt64()), info.Initializers[i].Dims);
            Assert.Equal(OnnxElementTypes.Name(initializers[i].GetProperty("data_type").GetInt32()), info.Initializers[i].ElementTypeName);
        }
        Assert.Equal(
            expected.GetProperty("metadata").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).Order(),
            info.Metadata.Select(p => (p.Key, p.Value)).Order());
    }

    private static void AssertValues(JsonElement expected, IReadOnlyList<OnnxTensorInfo> actual)
    {
        var values = expected.EnumerateArray().ToArray();
        Assert.Equal(values.Length, actual.Count);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var tensor = actual[i];
            Assert.Equal(value.GetProperty("name").GetString(), tensor.Name);
            Assert.Equal(OnnxValueKind.Tensor, tensor.Kind);
            Assert.Equal(value.GetProperty("elem_type").GetInt32(), tensor.OnnxElementType);
            Assert.Equal(value.GetProperty("elem_name").GetString(), tensor.ElementTypeName);
            var dims = value.GetProperty("dims");
            if (dims.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(tensor.Dims);
                continue;
            }
            var expectedDims = dims.EnumerateArray().Select(d => d.ValueKind switch
            {
                JsonValueKind.Number => OnnxDim.Fixed(d.GetInt64()),
                JsonValueKind.String => OnnxDim.Symbolic(d.GetString()!),
                _ => OnnxDim.Unknown,
            });
            Assert.Equal(expectedDims, tensor.Dims!);
        }
    }
}
