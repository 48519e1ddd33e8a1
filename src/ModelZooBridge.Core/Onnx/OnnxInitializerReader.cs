using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Onnx;

/// <summary>
/// Reads the float32 initializers (weights and normalisation statistics) of an ONNX model by name, e.g. to load an
/// exported network's parameters back for fine-tuning. Values may be stored as <c>raw_data</c> (little-endian) or
/// <c>float_data</c>; initializers of other element types (shapes, indices) are not returned.
/// </summary>
public static class OnnxInitializerReader
{
    /// <summary>Reads the float32 initializers of the model in <paramref name="stream"/> (left open).</summary>
    /// <param name="stream">The model bytes.</param>
    /// <param name="name">The file name used in error messages.</param>
    /// <exception cref="OnnxFormatException">The bytes are not a readable ONNX model, a float initializer keeps its
    /// data in an external file, or its data does not match its shape.</exception>
    public static IReadOnlyDictionary<string, OnnxFloatTensor> ReadFloat(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(CodedInputStream.CreateWithLimits(stream, int.MaxValue, OnnxModelInfo.RecursionLimit));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(name, $"corrupt or truncated ONNX protobuf ({e.Message.ReplaceLineEndings(" ").Trim()})", e);
        }
        if (model.Graph is null) throw new OnnxFormatException(name, "no graph: not an ONNX model");
        var tensors = new Dictionary<string, OnnxFloatTensor>(StringComparer.Ordinal);
        foreach (var tensor in model.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float))
        {
            if (!tensors.TryAdd(tensor.Name, ToFloat(tensor, name)))
                throw new OnnxFormatException(name, $"initializer '{tensor.Name}' appears twice");
        }
        return tensors;
    }

    private static OnnxFloatTensor ToFloat(TensorProto tensor, string file)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new OnnxFormatException(file, $"initializer '{tensor.Name}' keeps its data in an external file, which is not read");
        var shape = tensor.Dims.ToArray();
        long count = shape.Aggregate(1L, (a, d) => a * d);
        float[] data;
        if (tensor.RawData.Length > 0)
        {
            if (tensor.RawData.Length != count * sizeof(float))
                throw new OnnxFormatException(file, $"initializer '{tensor.Name}' has {tensor.RawData.Length} bytes of raw_data for {count} float values");
            data = new float[count];
            var raw = tensor.RawData.Span;
            if (BitConverter.IsLittleEndian) raw.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
            else for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }
        else
        {
            if (tensor.FloatData.Count != count)
                throw new OnnxFormatException(file, $"initializer '{tensor.Name}' has {tensor.FloatData.Count} float_data values for shape [{string.Join(",", shape)}]");
            data = tensor.FloatData.ToArray();
        }
        return new OnnxFloatTensor(data, shape);
    }
}
