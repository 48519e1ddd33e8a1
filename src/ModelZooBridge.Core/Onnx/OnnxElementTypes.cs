using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Onnx;

/// <summary>Maps ONNX <c>TensorProto.DataType</c> values to <see cref="DType"/> and to their ONNX names.</summary>
public static class OnnxElementTypes
{
    /// <summary>The <see cref="DType"/> for an ONNX element type, or null when there is none (float16, uint64, string...).</summary>
    public static DType? ToDType(int onnxElementType) => (TensorProto.Types.DataType)onnxElementType switch
    {
        TensorProto.Types.DataType.Float => DType.Float32,
        TensorProto.Types.DataType.Double => DType.Float64,
        TensorProto.Types.DataType.Uint8 => DType.UInt8,
        TensorProto.Types.DataType.Int8 => DType.Int8,
        TensorProto.Types.DataType.Uint16 => DType.UInt16,
        TensorProto.Types.DataType.Int16 => DType.Int16,
        TensorProto.Types.DataType.Uint32 => DType.UInt32,
        TensorProto.Types.DataType.Int32 => DType.Int32,
        TensorProto.Types.DataType.Int64 => DType.Int64,
        TensorProto.Types.DataType.Bool => DType.Bool,
        _ => null,
    };

    /// <summary>The ONNX element type for a <see cref="DType"/> (for building graphs).</summary>
    public static int FromDType(DType dtype) => (int)(dtype switch
    {
        DType.Float32 => TensorProto.Types.DataType.Float,
        DType.Float64 => TensorProto.Types.DataType.Double,
        DType.UInt8 => TensorProto.Types.DataType.Uint8,
        DType.Int8 => TensorProto.Types.DataType.Int8,
        DType.UInt16 => TensorProto.Types.DataType.Uint16,
        DType.Int16 => TensorProto.Types.DataType.Int16,
        DType.UInt32 => TensorProto.Types.DataType.Uint32,
        DType.Int32 => TensorProto.Types.DataType.Int32,
        DType.Int64 => TensorProto.Types.DataType.Int64,
        DType.Bool => TensorProto.Types.DataType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    });

    /// <summary>
    /// The name ONNX gives an element type (<c>FLOAT</c>, <c>UINT8</c>, <c>FLOAT16</c>, <c>BFLOAT16</c>...), as
    /// <c>onnx.TensorProto.DataType.Name</c> prints it; <c>DataType(n)</c> for a value this schema does not know.
    /// </summary>
    public static string Name(int onnxElementType) => onnxElementType switch
    {
        0 => "UNDEFINED",
        1 => "FLOAT",
        2 => "UINT8",
        3 => "INT8",
        4 => "UINT16",
        5 => "INT16",
        6 => "INT32",
        7 => "INT64",
        8 => "STRING",
        9 => "BOOL",
        10 => "FLOAT16",
        11 => "DOUBLE",
        12 => "UINT32",
        13 => "UINT64",
        14 => "COMPLEX64",
        15 => "COMPLEX128",
        16 => "BFLOAT16",
        17 => "FLOAT8E4M3FN",
        18 => "FLOAT8E4M3FNUZ",
        19 => "FLOAT8E5M2",
        20 => "FLOAT8E5M2FNUZ",
        21 => "UINT4",
        22 => "INT4",
        23 => "FLOAT4E2M1",
        24 => "FLOAT8E8M0",
        25 => "UINT2",
        26 => "INT2",
        _ => $"DataType({onnxElementType})",
    };
}
