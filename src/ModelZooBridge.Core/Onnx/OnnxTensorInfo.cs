using ModelZooBridge.Arrays;

namespace ModelZooBridge.Onnx;

/// <summary>A graph input or output as the ONNX file declares it (<c>ValueInfoProto</c>).</summary>
/// <param name="Name">The graph value name, e.g. <c>input.1</c>.</param>
/// <param name="Kind">Tensor, sparse tensor, sequence, ...</param>
/// <param name="ElementType">The element type when it has a <see cref="DType"/> equivalent, else null.</param>
/// <param name="ElementTypeName">The ONNX <c>TensorProto.DataType</c> name (<c>FLOAT</c>, <c>FLOAT16</c>...), kept for every type.</param>
/// <param name="OnnxElementType">The raw <c>TensorProto.DataType</c> value (0 when not a tensor or not given).</param>
/// <param name="Dims">One entry per axis, or null when the file gives no shape (rank unknown).</param>
public sealed record OnnxTensorInfo(
    string Name,
    OnnxValueKind Kind,
    DType? ElementType,
    string ElementTypeName,
    int OnnxElementType,
    IReadOnlyList<OnnxDim>? Dims)
{
    /// <summary>The number of axes, or null when the shape is not given.</summary>
    public int? Rank => Dims?.Count;

    /// <summary>True when every dimension has a fixed size.</summary>
    public bool IsStatic => Dims is not null && Dims.All(d => d.IsFixed);

    /// <summary>E.g. <c>input.1: FLOAT[batch,1,512,512]</c>.</summary>
    public override string ToString() =>
        $"{Name}: {ElementTypeName}{(Dims is null ? "[?]" : "[" + string.Join(',', Dims) + "]")}";
}
