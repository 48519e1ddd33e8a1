using ModelZooBridge.Arrays;

namespace ModelZooBridge.Onnx;

/// <summary>A graph initializer (a constant weight tensor) without its data.</summary>
/// <param name="Name">The value name the nodes use.</param>
/// <param name="ElementType">The element type when it has a <see cref="DType"/> equivalent, else null.</param>
/// <param name="ElementTypeName">The ONNX <c>TensorProto.DataType</c> name.</param>
/// <param name="Dims">The shape (empty for a scalar).</param>
/// <param name="ExternalLocation">For data stored outside the model file, the <c>location</c> of
/// <c>external_data</c> (a path relative to the model file); null when the data is inside.</param>
public sealed record OnnxInitializerInfo(
    string Name,
    DType? ElementType,
    string ElementTypeName,
    IReadOnlyList<long> Dims,
    string? ExternalLocation)
{
    /// <summary>True when the data is stored in an external file.</summary>
    public bool IsExternal => ExternalLocation is not null;
}
