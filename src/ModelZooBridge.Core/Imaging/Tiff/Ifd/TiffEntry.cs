using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Ifd;

/// <summary>
/// One IFD entry (TIFF 6.0 §2 "Image File Directory"; BigTIFF uses 20-byte entries). Values that fit the
/// entry's value field are kept in <see cref="InlineBytes"/>; others are read from <see cref="ValueOffset"/> on demand.
/// </summary>
/// <param name="Tag">Tag number.</param>
/// <param name="Type">Field type.</param>
/// <param name="Count">Number of values.</param>
/// <param name="ValueOffset">Where the values start in the file (the value field itself when inline).</param>
/// <param name="InlineBytes">The raw value field, packed little-endian (byte 0 of the field in the low byte).</param>
/// <param name="IsInline">True when the values fit the value field.</param>
internal readonly record struct TiffEntry(ushort Tag, TiffFieldType Type, ulong Count, long ValueOffset, ulong InlineBytes, bool IsInline)
{
    /// <summary>Bytes per value of a field type; 0 for an unknown type.</summary>
    public static int SizeOf(TiffFieldType type) => type switch
    {
        TiffFieldType.Byte or TiffFieldType.Ascii or TiffFieldType.SByte or TiffFieldType.Undefined => 1,
        TiffFieldType.Short or TiffFieldType.SShort => 2,
        TiffFieldType.Long or TiffFieldType.SLong or TiffFieldType.Float or TiffFieldType.Ifd => 4,
        TiffFieldType.Rational or TiffFieldType.SRational or TiffFieldType.Double
            or TiffFieldType.Long8 or TiffFieldType.SLong8 or TiffFieldType.Ifd8 => 8,
        _ => 0,
    };

    /// <summary>True for the integer field types.</summary>
    public bool IsInteger => Type is TiffFieldType.Byte or TiffFieldType.Short or TiffFieldType.Long or TiffFieldType.SByte
        or TiffFieldType.SShort or TiffFieldType.SLong or TiffFieldType.Undefined or TiffFieldType.Ifd
        or TiffFieldType.Long8 or TiffFieldType.SLong8 or TiffFieldType.Ifd8;

    /// <summary>Tag name for messages.</summary>
    public string Name => Enum.IsDefined((TiffTag)Tag) ? $"{(TiffTag)Tag} ({Tag})" : $"tag {Tag}";
}
