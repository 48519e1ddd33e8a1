namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>One manifest entry: either expected pixels or an expected error word.</summary>
public sealed record TiffFixture(
    string File, string? Raw, string? DType, int[] Shape, string? Axes, TiffExpectedCalibration? Calibration,
    string? Error, int? OnlyPlane, string Note);
