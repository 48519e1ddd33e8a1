using ModelZooBridge.Arrays;
using ModelZooBridge.IO;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// Writes an <c>.npy</c> file plane by plane (version 1.0, or 2.0 when the header needs it; C order, little-endian)
/// to a temporary file that <see cref="Commit"/> renames into place.
/// </summary>
public sealed class NpyWriter : IImageWriter
{
    private readonly AtomicFile _file;
    private long _planesWritten;

    private NpyWriter(AtomicFile file, ImageInfo info)
    {
        _file = file;
        Info = info;
    }

    /// <inheritdoc/>
    public string Path => _file.Path;

    /// <inheritdoc/>
    public ImageInfo Info { get; }

    /// <summary>Starts writing <paramref name="path"/>; the header is written at once, since the shape is known.</summary>
    /// <exception cref="ArgumentException">When a dimension of <paramref name="info"/> is negative.</exception>
    public static NpyWriter Create(string path, ImageInfo info)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(info);
        foreach (int dim in info.Shape)
        {
            if (dim < 0) throw new ArgumentException($"shape [{string.Join(",", info.Shape)}] has a negative dimension", nameof(info));
        }
        _ = info.DType.SizeOf();
        var file = AtomicFile.Create(path);
        try
        {
            file.Stream.Write(NpyHeader.Format(info.DType, info.Shape.AsSpan()));
            return new NpyWriter(file, info);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void WritePlane(ReadOnlySpan<byte> plane)
    {
        if (plane.Length != Info.PlaneBytes)
            throw new ArgumentException($"plane has {plane.Length} bytes, expected {Info.PlaneBytes}", nameof(plane));
        if (_planesWritten >= Info.PlaneCount)
            throw new InvalidOperationException($"all {Info.PlaneCount} planes have already been written");
        _file.Stream.Write(plane);
        _planesWritten++;
    }

    /// <inheritdoc/>
    public void Commit()
    {
        if (_planesWritten != Info.PlaneCount)
            throw new InvalidOperationException($"{_planesWritten} of {Info.PlaneCount} planes written");
        _file.Commit();
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public void Dispose() => _file.Dispose();
}
