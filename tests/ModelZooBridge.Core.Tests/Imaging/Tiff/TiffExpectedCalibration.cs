namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>Expected calibration; null in the manifest means uncalibrated.</summary>
public sealed record TiffExpectedCalibration(
    double PixelWidth, double PixelHeight, double PixelDepth, string Unit, double FrameInterval, string TimeUnit);
