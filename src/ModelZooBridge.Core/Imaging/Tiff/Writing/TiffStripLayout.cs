using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>
/// How one page (a y,x plane) is cut into strips: whole rows, about <see cref="TargetStripBytes"/> each, so readers
/// fetch and decompress in efficient chunks and deflate strips can be compressed in parallel.
/// </summary>
internal sealed class TiffStripLayout
{
    /// <summary>Strip size aimed for: inside the 64 KiB–1 MiB range that ImageJ, libtiff and tifffile read efficiently.</summary>
    public const int TargetStripBytes = 256 * 1024;

    public TiffStripLayout(int width, int height, DType dtype)
    {
        Width = width;
        Height = height;
        RowBytes = checked(width * dtype.SizeOf());
        PlaneBytes = checked(RowBytes * height);
        RowsPerStrip = Math.Clamp(TargetStripBytes / RowBytes, 1, height);
        StripsPerPage = (height + RowsPerStrip - 1) / RowsPerStrip;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows per page.</summary>
    public int Height { get; }

    /// <summary>Bytes per row.</summary>
    public int RowBytes { get; }

    /// <summary>Uncompressed bytes per page.</summary>
    public int PlaneBytes { get; }

    /// <summary>Rows in every strip but possibly the last.</summary>
    public int RowsPerStrip { get; }

    /// <summary>Strips per page.</summary>
    public int StripsPerPage { get; }

    /// <summary>Byte offset of strip <paramref name="strip"/> inside the uncompressed page.</summary>
    public int StripStart(int strip) => strip * RowsPerStrip * RowBytes;

    /// <summary>Uncompressed bytes of strip <paramref name="strip"/>.</summary>
    public int StripBytes(int strip) => Math.Min(RowsPerStrip, Height - strip * RowsPerStrip) * RowBytes;
}
