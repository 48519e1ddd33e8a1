namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>Values of the SampleFormat tag (339).</summary>
public enum TiffSampleFormat : ushort
{
    /// <summary>Unsigned integer (1), the default.</summary>
    UnsignedInteger = 1,
    /// <summary>Two's complement signed integer (2).</summary>
    SignedInteger = 2,
    /// <summary>IEEE floating point (3).</summary>
    Float = 3,
    /// <summary>Undefined (4), read as unsigned.</summary>
    Undefined = 4,
}
