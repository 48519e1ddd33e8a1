namespace ModelZooBridge.Arrays;

/// <summary>Facts about <see cref="DType"/> values: sizes, names and the matching CLR types.</summary>
public static class DTypes
{
    /// <summary>Size of one element in bytes.</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Bool or DType.UInt8 or DType.Int8 => 1,
        DType.UInt16 or DType.Int16 => 2,
        DType.UInt32 or DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>The numpy / bioimage.io name, e.g. <c>uint16</c>.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "uint8",
        DType.Int8 => "int8",
        DType.UInt16 => "uint16",
        DType.Int16 => "int16",
        DType.UInt32 => "uint32",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Parses a numpy / bioimage.io dtype name such as <c>float32</c>.</summary>
    public static bool TryParse(string name, out DType dtype)
    {
        foreach (var candidate in Enum.GetValues<DType>())
        {
            if (candidate.Name() == name)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>True for float32 and float64.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>True for the signed integer types.</summary>
    public static bool IsSignedInteger(this DType dtype) => dtype is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;

    /// <summary>The <see cref="DType"/> of a CLR element type.</summary>
    /// <exception cref="NotSupportedException">When <typeparamref name="T"/> is not an element type.</exception>
    public static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(bool)) return DType.Bool;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(sbyte)) return DType.Int8;
        if (typeof(T) == typeof(ushort)) return DType.UInt16;
        if (typeof(T) == typeof(short)) return DType.Int16;
        if (typeof(T) == typeof(uint)) return DType.UInt32;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        throw new NotSupportedException($"{typeof(T).Name} is not an array element type");
    }
}
