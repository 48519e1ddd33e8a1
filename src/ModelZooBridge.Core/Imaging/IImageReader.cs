namespace ModelZooBridge.Imaging;

/// <summary>
/// Reads an image plane by plane, so that files larger than memory stream through. Implementations read
/// lazily: opening parses only headers.
/// </summary>
public interface IImageReader : IDisposable
{
    /// <summary>The file being read.</summary>
    string Path { get; }

    /// <summary>Dtype, shape, axes and calibration of the whole image.</summary>
    ImageInfo Info { get; }

    /// <summary>Reads plane <paramref name="index"/> (C order over the leading axes) into <paramref name="destination"/>,
    /// which holds exactly <see cref="ImageInfo.PlaneBytes"/> bytes, little-endian.</summary>
    /// <exception cref="ImageFormatException">When the file is corrupt or truncated.</exception>
    void ReadPlane(long index, Span<byte> destination);
}
