using Google.Protobuf;
using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Onnx;

/// <summary>Graphs built with our onnx.proto subset are valid ONNX for python3-onnx (field numbers checked end to end).</summary>
[Trait("Area", "Onnx")]
public sealed class OnnxProtoBuildTests
{
    [Fact]
    public void BuiltGraph_PassesTheOnnxCheckerAndKeepsAttributeValues()
    {
        var weight = new TensorProto { Name = "conv.weight", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 2, 1, 3, 3 } };
        weight.RawData = ByteString.CopyFrom(Enumerable.Range(0, 18).SelectMany(i => BitConverter.GetBytes(i * 0.5f)).ToArray());
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "modelzoobridge-test",
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
            Graph = new GraphProto
            {
                Name = "built",
                Initializer = { weight },
                Input = { Tensor("raw", ["batch", null, "y", "x"], fixedChannel: 1) },
                Output = { Tensor("out", ["batch", null, "y", "x"], fixedChannel: 2) },
                Node =
                {
                    new NodeProto
                    {
                        OpType = "Conv", Name = "conv", Input = { "raw", "conv.weight" }, Output = { "c" },
                        Attribute =
                        {
                            new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 3, 3 } },
                            new AttributeProto { Name = "pads", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 1, 1, 1 } },
                        },
                    },
                    new NodeProto
                    {
                        OpType = "LeakyRelu", Input = { "c" }, Output = { "l" },
                        Attribute = { new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 0f } },
                    },
                    new NodeProto
                    {
                        OpType = "Constant", Output = { "scale" },
                        Attribute =
                        {
                            new AttributeProto
                            {
                                Name = "value", Type = AttributeProto.Types.AttributeType.Tensor,
                                T = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, FloatData = { 2f } },
                            },
                        },
                    },
                    new NodeProto { OpType = "Mul", Input = { "l", "scale" }, Output = { "out" } },
                },
            },
        };
        var folder = ExternalTool.NewTempFolder();
        var path = Path.Combine(folder, "built.onnx");
        try
        {
            File.WriteAllBytes(path, model.ToByteArray());

            var printed = ExternalTool.RunPython("""
import sys, onnx
from onnx import helper, numpy_helper
m = onnx.load(sys.argv[1])
onnx.checker.check_model(m, full_check=True)
attrs = {a.name: helper.get_attribute_value(a) for n in m.graph.node for a in n.attribute if a.name != "value"}
print(attrs["kernel_shape"], attrs["pads"], repr(attrs["alpha"]), float(numpy_helper.to_array(m.graph.initializer[0]).ravel()[17]))
print([d.dim_param or d.dim_value for d in m.graph.output[0].type.tensor_type.shape.dim])
""", path);

            Assert.Equal("[3, 3] [1, 1, 1, 1] 0.0 8.5\n['batch', 2, 'y', 'x']\n", printed.ReplaceLineEndings("\n"));
            var info = OnnxModelInfo.Read(path);
            Assert.Equal("raw: FLOAT[batch,1,y,x]", Assert.Single(info.Inputs).ToString());
            Assert.Equal([2L, 1, 3, 3], Assert.Single(info.Initializers).Dims);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ValueInfoProto Tensor(string name, string?[] dims, long fixedChannel)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is null ? new TensorShapeProto.Types.Dimension { DimValue = fixedChannel } : new TensorShapeProto.Types.Dimension { DimParam = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
