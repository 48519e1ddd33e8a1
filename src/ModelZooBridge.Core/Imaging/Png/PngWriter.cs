using ModelZooBridge.Arrays;
using ModelZooBridge.IO;

namespace ModelZooBridge.Imaging.Png;

/// <summary>
/// Writes a PNG file (<see href="https://www.w3.org/TR/png-3/">PNG specification</see>), non-interlaced, with adaptive
/// per-row filtering. Accepted images: uint8 or uint16 with axes <c>yx</c> (gray, 8 or 16 bits), or axes <c>cyx</c>
/// with c = 3 (RGB) or c = 4 (RGBA). Planes are buffered and the file is encoded and renamed into place by <see cref="Commit"/>.
/// </summary>
public sealed class PngWriter : IImageWriter
{
    private readonly byte[] _planes;
    private readonly int _channels;
    private long _planesWritten;
    private bool _done;

    private PngWriter(string path, ImageInfo info, int channels)
    {
        Path = path;
        Info = info;
        _channels = channels;
        _planes = new byte[info.TotalBytes];
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public ImageInfo Info { get; }

    /// <summary>Starts writing <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="info"/> is not a uint8/uint16 <c>yx</c> image or a <c>cyx</c> image with 3 or 4 channels, or is empty or too large.</exception>
    public static PngWriter Create(string path, ImageInfo info)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(info);
        if (info.DType is not (DType.UInt8 or DType.UInt16))
            throw new ArgumentException($"PNG holds uint8 or uint16 samples, not {info.DType.Name()}", nameof(info));
        int channels = info.AxesString switch
        {
            "yx" => 1,
            "cyx" when info.Shape[0] is 3 or 4 => info.Shape[0],
            "cyx" => throw new ArgumentException($"PNG colour images have 3 (RGB) or 4 (RGBA) channels, not {info.Shape[0]}", nameof(info)),
            _ => throw new ArgumentException($"PNG images have axes 'yx' (gray) or 'cyx' (RGB, RGBA), not '{info.AxesString}'", nameof(info)),
        };
        int height = info.Shape[^2], width = info.Shape[^1];
        if (height < 1 || width < 1)
            throw new ArgumentException($"PNG images are at least 1 × 1 pixels, not {height} × {width}", nameof(info));
        if (info.TotalBytes > Array.MaxLength || (long)width * channels * info.DType.SizeOf() > int.MaxValue - 1)
            throw new ArgumentException($"image of {info.TotalBytes} bytes is too large to encode", nameof(info));
        return new PngWriter(System.IO.Path.GetFullPath(path), info, channels);
    }

    /// <inheritdoc/>
    public void WritePlane(ReadOnlySpan<byte> plane)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (plane.Length != Info.PlaneBytes)
            throw new ArgumentException($"plane has {plane.Length} bytes, expected {Info.PlaneBytes}", nameof(plane));
        if (_planesWritten >= Info.PlaneCount)
            throw new InvalidOperationException($"all {Info.PlaneCount} planes have already been written");
        plane.CopyTo(_planes.AsSpan((int)(_planesWritten * Info.PlaneBytes)));
        _planesWritten++;
    }

    /// <inheritdoc/>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_planesWritten != Info.PlaneCount)
            throw new InvalidOperationException($"{_planesWritten} of {Info.PlaneCount} planes written");
        using var file = AtomicFile.Create(Path);
        PngEncoderCore.Encode(file.Stream, _planes, _channels, Info.Shape[^2], Info.Shape[^1], Info.DType.SizeOf() * 8);
        file.Commit();
        _done = true;
    }

    /// <summary>Releases the buffered planes; nothing is written unless <see cref="Commit"/> was called.</summary>
    public void Dispose() => _done = true;

    /// <summary>Writes a <c>yx</c> or <c>cyx</c> array as PNG in one call.</summary>
    public static void Write(string path, NdArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        using var writer = Create(path, new ImageInfo(array.DType, array.Shape, array.Axes));
        long planeBytes = writer.Info.PlaneBytes;
        for (long p = 0; p < writer.Info.PlaneCount; p++) writer.WritePlane(array.Bytes.Slice((int)(p * planeBytes), (int)planeBytes));
        writer.Commit();
    }
}
