using System.Text.Json;
using Google.Protobuf;
using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Onnx;

/// <summary><see cref="OnnxInitializerReader"/> returns what python3-onnx's numpy_helper reads, for raw_data and float_data storage.</summary>
[Trait("Area", "Onnx")]
public sealed class OnnxInitializerReaderTests
{
    [Fact]
    public void PyTorchExport_ReadsTheSameValuesAsNumpyHelper()
    {
        var path = RepositoryPaths.Of("tests", "ModelZooBridge.OnnxRuntime.Tests", "Fixtures", "torch", "conv2d.onnx");
        var oracle = JsonDocument.Parse(ExternalTool.RunPython("""
import json, sys, onnx
from onnx import numpy_helper
m = onnx.load(sys.argv[1])
print(json.dumps({t.name: {"shape": list(t.dims), "values": numpy_helper.to_array(t).ravel().tolist()} for t in m.graph.initializer}))
""", path)).RootElement;

        using var stream = File.OpenRead(path);
        var tensors = OnnxInitializerReader.ReadFloat(stream, path);

        Assert.Equal(oracle.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var entry in oracle.EnumerateObject())
        {
            Assert.Equal(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), tensors[entry.Name].Shape);
            Assert.Equal(entry.Value.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()), tensors[entry.Name].Data);
        }
    }

    [Fact]
    public void FloatDataIsReadAndOtherTypesAreLeftOutAndBadLengthsAreNamed()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            Graph = new GraphProto
            {
                Initializer =
                {
                    new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 2 }, FloatData = { 1.5f, -2f } },
                    new TensorProto { Name = "shape", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { 4 } },
                },
            },
        };

        var tensors = OnnxInitializerReader.ReadFloat(new MemoryStream(model.ToByteArray()), "m.onnx");
        Assert.Equal([1.5f, -2f], Assert.Single(tensors).Value.Data);

        model.Graph.Initializer[0].Dims[0] = 3;
        var error = Assert.Throws<OnnxFormatException>(() => OnnxInitializerReader.ReadFloat(new MemoryStream(model.ToByteArray()), "m.onnx"));
        Assert.Contains("'w' has 2 float_data values for shape [3]", error.Message);
    }
}
