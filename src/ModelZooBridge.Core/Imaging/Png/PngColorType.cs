namespace ModelZooBridge.Imaging.Png;

/// <summary>PNG colour types (IHDR byte 9), PNG specification 11.2.2.</summary>
internal enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}
