using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Compression;

/// <summary>Creates the decompressor for a Compression tag value; <see cref="TiffCompression.None"/> has none.</summary>
internal static class TiffDecompressorFactory
{
    /// <summary>The decompressor for <paramref name="compression"/>; callers have already rejected unsupported values.</summary>
    public static TiffDecompressor Create(TiffCompression compression) => compression switch
    {
        TiffCompression.Lzw => new LzwTiffDecompressor(),
        TiffCompression.AdobeDeflate or TiffCompression.Deflate => new DeflateTiffDecompressor(),
        TiffCompression.PackBits => new PackBitsTiffDecompressor(),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "no decompressor for this compression"),
    };
}
