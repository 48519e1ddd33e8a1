namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>Values of the PlanarConfiguration tag (284).</summary>
public enum TiffPlanarConfiguration : ushort
{
    /// <summary>Samples of a pixel stored together: RGBRGB… (1).</summary>
    Contiguous = 1,
    /// <summary>Each sample in its own plane: RR…GG…BB… (2).</summary>
    Separate = 2,
}
