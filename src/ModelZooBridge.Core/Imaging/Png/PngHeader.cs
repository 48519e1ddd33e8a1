namespace ModelZooBridge.Imaging.Png;

/// <summary>The IHDR chunk (PNG specification 11.2.2) and the sizes derived from it.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>The seven Adam7 passes: x start, y start, x step, y step (PNG specification 8.2).</summary>
    public static ReadOnlySpan<int> Adam7 => [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];

    /// <summary>Samples per pixel as stored: 1 for gray and palette indices, 2, 3 or 4.</summary>
    public int StoredChannels => ColorType switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Bits per stored pixel.</summary>
    public int BitsPerPixel => StoredChannels * BitDepth;

    /// <summary>Bytes per complete pixel for filtering, at least 1.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Bytes of one scanline of <paramref name="width"/> pixels, without the filter byte.</summary>
    public long RowBytes(int width) => ((long)width * BitsPerPixel + 7) / 8;

    /// <summary>Whether the bit depth is allowed for the colour type (PNG specification table 11.1).</summary>
    public static bool IsValidCombination(PngColorType colorType, int bitDepth) => colorType switch
    {
        PngColorType.Gray => bitDepth is 1 or 2 or 4 or 8 or 16,
        PngColorType.Palette => bitDepth is 1 or 2 or 4 or 8,
        PngColorType.Rgb or PngColorType.GrayAlpha or PngColorType.Rgba => bitDepth is 8 or 16,
        _ => false,
    };

    /// <summary>The passes as (x start, y start, x step, y step, width, height); one full-image pass when not interlaced.</summary>
    public IEnumerable<(int X0, int Y0, int Dx, int Dy, int Width, int Height)> Passes()
    {
        if (!Interlaced)
        {
            yield return (0, 0, 1, 1, Width, Height);
            yield break;
        }
        for (int p = 0; p < 7; p++)
        {
            int x0 = Adam7[p * 4], y0 = Adam7[p * 4 + 1], dx = Adam7[p * 4 + 2], dy = Adam7[p * 4 + 3];
            int w = Width > x0 ? (Width - x0 + dx - 1) / dx : 0;
            int h = Height > y0 ? (Height - y0 + dy - 1) / dy : 0;
            if (w > 0 && h > 0) yield return (x0, y0, dx, dy, w, h);
        }
    }

    /// <summary>Bytes of filtered image data the header implies: every pass's rows with their filter bytes.</summary>
    public long FilteredBytes() => Passes().Sum(p => p.Height * (1 + RowBytes(p.Width)));
}
