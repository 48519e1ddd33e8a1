namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>Field types of IFD entries (TIFF 6.0 §2 and BigTIFF).</summary>
public enum TiffFieldType : ushort
{
    /// <summary>8-bit unsigned (1).</summary>
    Byte = 1,
    /// <summary>8-bit NUL-terminated ASCII (2).</summary>
    Ascii = 2,
    /// <summary>16-bit unsigned (3).</summary>
    Short = 3,
    /// <summary>32-bit unsigned (4).</summary>
    Long = 4,
    /// <summary>Two LONGs: numerator, denominator (5).</summary>
    Rational = 5,
    /// <summary>8-bit signed (6).</summary>
    SByte = 6,
    /// <summary>8-bit opaque (7).</summary>
    Undefined = 7,
    /// <summary>16-bit signed (8).</summary>
    SShort = 8,
    /// <summary>32-bit signed (9).</summary>
    SLong = 9,
    /// <summary>Two SLONGs (10).</summary>
    SRational = 10,
    /// <summary>32-bit IEEE float (11).</summary>
    Float = 11,
    /// <summary>64-bit IEEE float (12).</summary>
    Double = 12,
    /// <summary>32-bit IFD offset (13).</summary>
    Ifd = 13,
    /// <summary>BigTIFF 64-bit unsigned (16).</summary>
    Long8 = 16,
    /// <summary>BigTIFF 64-bit signed (17).</summary>
    SLong8 = 17,
    /// <summary>BigTIFF 64-bit IFD offset (18).</summary>
    Ifd8 = 18,
}
