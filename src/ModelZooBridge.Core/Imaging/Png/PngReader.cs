using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Png;

/// <summary>
/// Reads a PNG file (<see href="https://www.w3.org/TR/png-3/">PNG specification</see>). PNGs are small, so
/// <see cref="Open"/> decodes the whole file; every chunk's CRC is checked.
/// <list type="bullet">
/// <item>Gray (1, 2, 4, 8, 16 bits): axes <c>yx</c>. Samples are kept as stored, 0..2^bits−1, not scaled:
/// a 1-bit image holds 0 and 1. Bit depths up to 8 give uint8, 16 gives uint16.</item>
/// <item>Gray+alpha, RGB, RGBA: axes <c>cyx</c> with c = 2, 3 or 4, channels first (deinterleaved).</item>
/// <item>Palette: expanded through PLTE to RGB (c = 3), or to RGBA (c = 4) when a tRNS chunk is present.</item>
/// </list>
/// Adam7 interlacing and all five filter types are decoded. Colour-key transparency (tRNS) of gray and RGB images
/// is ignored. Gamma, colour profiles and text chunks are not interpreted.
/// </summary>
public sealed class PngReader : IImageReader
{
    private readonly byte[] _planes;

    private PngReader(string path, ImageInfo info, byte[] planes)
    {
        Path = path;
        Info = info;
        _planes = planes;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public ImageInfo Info { get; }

    /// <summary>Reads and decodes <paramref name="path"/>.</summary>
    /// <exception cref="ImageFormatException">When the file is not a valid PNG, is truncated, corrupt or too large.</exception>
    public static PngReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (stream.Length > Array.MaxLength) throw new ImageFormatException(path, $"file of {stream.Length} bytes is too large for a PNG");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ImageFormatException(path, $"cannot read: {e.Message}", e);
        }
        return FromBytes(bytes, path);
    }

    internal static PngReader FromBytes(ReadOnlySpan<byte> bytes, string name)
    {
        var image = PngDecoderCore.Decode(bytes, name);
        ImageInfo info = image.Channels == 1
            ? new ImageInfo(image.DType, [image.Height, image.Width], [AxisId.Y, AxisId.X])
            : new ImageInfo(image.DType, [image.Channels, image.Height, image.Width], [AxisId.Channel, AxisId.Y, AxisId.X]);
        return new PngReader(name, info, image.Planes);
    }

    /// <inheritdoc/>
    public void ReadPlane(long index, Span<byte> destination)
    {
        if ((ulong)index >= (ulong)Info.PlaneCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"plane index must be below {Info.PlaneCount}");
        if (destination.Length != Info.PlaneBytes)
            throw new ArgumentException($"destination holds {destination.Length} bytes, a plane has {Info.PlaneBytes}", nameof(destination));
        _planes.AsSpan((int)(index * Info.PlaneBytes), destination.Length).CopyTo(destination);
    }

    /// <summary>The whole image as one array (<c>yx</c> or <c>cyx</c>).</summary>
    public NdArray ReadAll()
    {
        var array = NdArray.Create(Info.DType, Info.Shape.AsSpan(), Info.Axes.AsSpan());
        _planes.CopyTo(array.Bytes);
        return array;
    }

    /// <summary>Nothing to release: the image was decoded by <see cref="Open"/>.</summary>
    public void Dispose()
    {
    }
}
