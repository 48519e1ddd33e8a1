using Google.Protobuf;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Tests;

/// <summary>The repository's nuclei U-Net export with symbolic dimensions: the export fixed them, the network is fully convolutional.</summary>
internal static class UNetGraph
{
    /// <summary>The ONNX bytes with y and x (and, when <paramref name="dynamicBatch"/>, the batch) made symbolic.</summary>
    public static byte[] Dynamic(bool dynamicBatch = false)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OrtTestFiles.UNetModel));
        foreach (var value in model.Graph.Input.Concat(model.Graph.Output))
        {
            var dims = value.Type.TensorType.Shape.Dim;
            if (dynamicBatch) dims[0] = new TensorShapeProto.Types.Dimension { DimParam = "batch" };
            dims[2] = new TensorShapeProto.Types.Dimension { DimParam = "y" };
            dims[3] = new TensorShapeProto.Types.Dimension { DimParam = "x" };
        }
        return model.ToByteArray();
    }
}
