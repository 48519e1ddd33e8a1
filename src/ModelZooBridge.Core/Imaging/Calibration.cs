namespace ModelZooBridge.Imaging;

/// <summary>
/// Physical size of a pixel and of a time step, as ImageJ keeps it (<c>Image ▸ Properties</c>):
/// one spatial unit for x, y and z, and one time unit.
/// </summary>
/// <param name="PixelWidth">Size of a pixel along x, in <paramref name="Unit"/>.</param>
/// <param name="PixelHeight">Size of a pixel along y, in <paramref name="Unit"/>.</param>
/// <param name="PixelDepth">Distance between z slices, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Spatial unit, e.g. <c>micron</c>; <c>pixel</c> when uncalibrated.</param>
/// <param name="FrameInterval">Time between frames in <paramref name="TimeUnit"/>; 0 when unknown.</param>
/// <param name="TimeUnit">Time unit, e.g. <c>sec</c>.</param>
public sealed record Calibration(
    double PixelWidth = 1,
    double PixelHeight = 1,
    double PixelDepth = 1,
    string Unit = "pixel",
    double FrameInterval = 0,
    string TimeUnit = "sec")
{
    /// <summary>An uncalibrated image: one pixel per unit "pixel".</summary>
    public static Calibration None { get; } = new();

    /// <summary>True when this carries no physical size.</summary>
    public bool IsNone => this == None;
}
