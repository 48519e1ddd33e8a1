using System.IO.Compression;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>How <see cref="TiffWriter"/> encodes a file. All options are optional; the defaults write an uncompressed,
/// ImageJ-compatible classic TIFF and switch to BigTIFF only when the file could exceed 4 GiB.</summary>
public sealed record TiffWriteOptions
{
    /// <summary>The default options.</summary>
    public static TiffWriteOptions Default { get; } = new();

    /// <summary>
    /// Compression of the strips: <see cref="TiffCompression.None"/> (the default; ImageJ reads such stacks fastest)
    /// or <see cref="TiffCompression.AdobeDeflate"/> (zlib, TIFF tag value 8, no predictor). Other schemes are rejected by
    /// <see cref="TiffWriter.Create"/>.
    /// </summary>
    public TiffCompression Compression { get; init; } = TiffCompression.None;

    /// <summary>
    /// Deflate effort when <see cref="Compression"/> is <see cref="TiffCompression.AdobeDeflate"/>:
    /// <see cref="System.IO.Compression.CompressionLevel.Optimal"/> (the default, zlib level 6 as tifffile and libtiff use),
    /// <see cref="System.IO.Compression.CompressionLevel.Fastest"/> (about twice as fast, files about 40 % larger),
    /// <see cref="System.IO.Compression.CompressionLevel.SmallestSize"/> (level 9) or
    /// <see cref="System.IO.Compression.CompressionLevel.NoCompression"/> (stored blocks). Measured figures are in
    /// <c>Imaging/Tiff/README.md (Writing)</c>.
    /// </summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>
    /// Container: <c>true</c> forces BigTIFF (64-bit offsets), <c>false</c> forces classic TIFF (writing fails once the
    /// file would pass 4 GiB), <c>null</c> (the default) chooses BigTIFF only when the uncompressed image plus its
    /// directories could reach 4 GiB. ImageJ 1.x does not open BigTIFF; tifffile, libtiff and Bio-Formats do.
    /// </summary>
    public bool? BigTiff { get; init; }
}
