using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>A model input or output as the ONNX graph declares it.</summary>
public sealed class NodeMetadata
{
    internal NodeMetadata(string name, bool isTensor, int onnxElementType, long[] dimensions, string[] symbolicDimensions)
    {
        Name = name;
        IsTensor = isTensor;
        OnnxElementType = onnxElementType;
        Dimensions = dimensions;
        SymbolicDimensions = symbolicDimensions;
    }

    /// <summary>The input or output name.</summary>
    public string Name { get; }

    /// <summary>False for sequences, maps and other non-tensor values (then there is no element type or shape).</summary>
    public bool IsTensor { get; }

    /// <summary>The element type, or null when it has no <see cref="DType"/> (e.g. float16, string) or is not a tensor.</summary>
    public DType? ElementType => Interop.TensorElementTypes.ToDType(OnnxElementType);

    /// <summary>ONNX's <c>ONNXTensorElementDataType</c> number (1 = float, 7 = int64, …; 0 when not a tensor).</summary>
    public int OnnxElementType { get; }

    /// <summary>ONNX's name of the element type, e.g. <c>float32</c>, <c>float16</c>.</summary>
    public string ElementTypeName => Interop.TensorElementTypes.Name(OnnxElementType);

    /// <summary>Declared size of each dimension; -1 where the size is free (see <see cref="SymbolicDimensions"/>).</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>The name of each dimension that has one (e.g. <c>batch</c>, <c>y</c>), else the empty string.</summary>
    public IReadOnlyList<string> SymbolicDimensions { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {ElementTypeName}[{string.Join(",", Dimensions.Select((d, i) => d >= 0 ? d.ToString() : SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]";
}
