namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>Values of the Compression tag (259).</summary>
public enum TiffCompression : ushort
{
    /// <summary>No compression (1).</summary>
    None = 1,
    /// <summary>CCITT modified Huffman (2); not supported.</summary>
    CcittRle = 2,
    /// <summary>LZW (5).</summary>
    Lzw = 5,
    /// <summary>Old-style JPEG (6); not supported.</summary>
    OldJpeg = 6,
    /// <summary>JPEG (7); not supported.</summary>
    Jpeg = 7,
    /// <summary>Deflate as registered by Adobe (8).</summary>
    AdobeDeflate = 8,
    /// <summary>PackBits (32773).</summary>
    PackBits = 32773,
    /// <summary>Deflate, the older private value (32946).</summary>
    Deflate = 32946,
}
