using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>Maps ONNX's <c>ONNXTensorElementDataType</c> to and from <see cref="DType"/>.</summary>
internal static class TensorElementTypes
{
    // ONNX_TENSOR_ELEMENT_DATA_TYPE_*: UNDEFINED 0, FLOAT 1, UINT8 2, INT8 3, UINT16 4, INT16 5, INT32 6, INT64 7,
    // STRING 8, BOOL 9, FLOAT16 10, DOUBLE 11, UINT32 12, UINT64 13, COMPLEX64 14, COMPLEX128 15, BFLOAT16 16.
    private static readonly string[] Names =
    [
        "undefined", "float32", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool", "float16",
        "float64", "uint32", "uint64", "complex64", "complex128", "bfloat16",
    ];

    /// <summary>The DType of an ONNX element type, or null when no DType mirrors it (string, float16, …).</summary>
    public static DType? ToDType(int onnxType) => onnxType switch
    {
        1 => DType.Float32,
        2 => DType.UInt8,
        3 => DType.Int8,
        4 => DType.UInt16,
        5 => DType.Int16,
        6 => DType.Int32,
        7 => DType.Int64,
        9 => DType.Bool,
        11 => DType.Float64,
        12 => DType.UInt32,
        _ => null,
    };

    /// <summary>The ONNX element type of a DType.</summary>
    public static int FromDType(DType dtype) => dtype switch
    {
        DType.Float32 => 1,
        DType.UInt8 => 2,
        DType.Int8 => 3,
        DType.UInt16 => 4,
        DType.Int16 => 5,
        DType.Int32 => 6,
        DType.Int64 => 7,
        DType.Bool => 9,
        DType.Float64 => 11,
        DType.UInt32 => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no ONNX element type"),
    };

    /// <summary>ONNX's name for an element type, for messages.</summary>
    public static string Name(int onnxType) =>
        onnxType >= 0 && onnxType < Names.Length ? Names[onnxType] : $"element type {onnxType}";
}
