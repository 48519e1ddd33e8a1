namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// Reads TIFF, BigTIFF, ImageJ hyperstack and OME-TIFF files plane by plane (see <c>Imaging/Tiff/README.md</c>
/// for the support matrix). <see cref="Open"/> parses only the header and the IFD chain; each
/// <see cref="ReadPlane"/> decodes just the page it needs.
/// <para>
/// Axes are a subsequence of <c>t,z,c,y,x</c>: a page's plane is <c>y,x</c>; SamplesPerPixel &gt; 1 becomes
/// <c>c</c>; ImageJ files add <c>t,z,c</c> (frames, slices, channels; pages channel fastest); OME-TIFF adds
/// its DimensionOrder's Z, C, T slowest first (so <c>XYZCT</c> gives <c>t,c,z</c>); other files stack their
/// full-resolution pages (NewSubfileType bit 0 clear) along <c>z</c>, skipping reduced-resolution ones and
/// rejecting pages whose size, samples or dtype differ from the first. Axes of size 1 other than y and x are dropped.
/// </para>
/// <para>
/// Every problem with the file (truncated, corrupt, unsupported, I/O error) raises <see cref="ImageFormatException"/>.
/// Not thread-safe: use one reader per thread.
/// </para>
/// </summary>
public sealed class TiffReader : IImageReader
{
    private readonly TiffDecoderCore _core;
    private bool _disposed;

    private TiffReader(string path, TiffDecoderCore core)
    {
        Path = path;
        _core = core;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public ImageInfo Info => _core.Info;

    /// <summary>Opens a TIFF file and parses its structure, but no pixel data.</summary>
    /// <exception cref="ImageFormatException">When the file cannot be read, is not TIFF, or uses an unsupported feature.</exception>
    public static TiffReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return new TiffReader(path, TiffDecoderCore.Open(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TiffThrow.Corrupt<TiffReader>(path, $"cannot read: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void ReadPlane(long index, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var info = _core.Info;
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, info.PlaneCount);
        if (destination.Length != info.PlaneBytes)
            throw new ArgumentException($"destination holds {destination.Length} bytes, expected {info.PlaneBytes} (one plane)", nameof(destination));
        try
        {
            _core.ReadPlane(index, destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TiffThrow.Corrupt(Path, $"cannot read plane {index}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _core.Dispose();
    }
}
