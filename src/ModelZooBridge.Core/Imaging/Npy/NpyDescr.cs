using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// numpy array-protocol type strings (<c>descr</c>), e.g. <c>'&lt;f4'</c>: a byte-order character
/// (<c>&lt;</c> little, <c>&gt;</c> big, <c>|</c> not applicable, <c>=</c> native), a kind and a size in bytes.
/// </summary>
internal static class NpyDescr
{
    /// <summary>Parses a descr; false for anything outside the supported dtypes.</summary>
    public static bool TryParse(string descr, out DType dtype, out bool bigEndian)
    {
        dtype = default;
        bigEndian = false;
        var rest = descr.AsSpan();
        if (rest.Length > 0 && rest[0] is '<' or '>' or '|' or '=')
        {
            bigEndian = rest[0] == '>' || (rest[0] == '=' && !BitConverter.IsLittleEndian);
            rest = rest[1..];
        }
        DType? parsed = rest switch
        {
            "b1" or "?" => DType.Bool,
            "u1" or "B" => DType.UInt8,
            "i1" or "b" => DType.Int8,
            "u2" or "H" => DType.UInt16,
            "i2" or "h" => DType.Int16,
            "u4" or "I" => DType.UInt32,
            "i4" or "i" => DType.Int32,
            "i8" or "q" => DType.Int64,
            "f4" or "f" => DType.Float32,
            "f8" or "d" => DType.Float64,
            _ => null,
        };
        if (parsed is null) return false;
        dtype = parsed.Value;
        if (dtype.SizeOf() == 1) bigEndian = false;
        return true;
    }

    /// <summary>The little-endian descr numpy writes for <paramref name="dtype"/>, e.g. <c>&lt;u2</c> or <c>|u1</c>.</summary>
    public static string Format(DType dtype) => dtype switch
    {
        DType.Bool => "|b1",
        DType.UInt8 => "|u1",
        DType.Int8 => "|i1",
        DType.UInt16 => "<u2",
        DType.Int16 => "<i2",
        DType.UInt32 => "<u4",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };
}
