namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>Values of the PhotometricInterpretation tag (262).</summary>
public enum TiffPhotometric : ushort
{
    /// <summary>0 is white (0).</summary>
    WhiteIsZero = 0,
    /// <summary>0 is black (1).</summary>
    BlackIsZero = 1,
    /// <summary>RGB (2).</summary>
    Rgb = 2,
    /// <summary>Palette colour (3).</summary>
    Palette = 3,
    /// <summary>Transparency mask (4).</summary>
    Mask = 4,
    /// <summary>Separated, usually CMYK (5).</summary>
    Separated = 5,
    /// <summary>YCbCr (6); not supported.</summary>
    YCbCr = 6,
}
