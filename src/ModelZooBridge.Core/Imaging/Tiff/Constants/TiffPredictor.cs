namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>Values of the Predictor tag (317).</summary>
public enum TiffPredictor : ushort
{
    /// <summary>No prediction (1).</summary>
    None = 1,
    /// <summary>Horizontal differencing of samples (2).</summary>
    Horizontal = 2,
    /// <summary>Floating-point prediction: byte planes, then horizontal differencing (3, Adobe Technical Note 3).</summary>
    FloatingPoint = 3,
}
