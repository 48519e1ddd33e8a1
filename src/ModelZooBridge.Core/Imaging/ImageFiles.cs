using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Imaging.Png;
using ModelZooBridge.Imaging.Tiff;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging;

/// <summary>The image file formats, chosen by file extension.</summary>
public enum ImageFileFormat
{
    /// <summary><c>.tif</c>, <c>.tiff</c> (including <c>.ome.tif</c>).</summary>
    Tiff,
    /// <summary><c>.npy</c>.</summary>
    Npy,
    /// <summary><c>.png</c>.</summary>
    Png,
}

/// <summary>
/// Opens readers and writers by file extension and states how each format arranges axes:
/// <list type="bullet">
/// <item>TIFF holds axes in ImageJ's hyperstack order <c>t,z,c,y,x</c>; other axes must have size 1 and are dropped.</item>
/// <item>PNG holds <c>y,x</c> or <c>c,y,x</c> with 3 channels; other axes must have size 1 and are dropped.</item>
/// <item>NPY holds any shape exactly as given; it stores no axis names, so it reads back with <see cref="AxisId.DefaultFor"/> unless names are given.</item>
/// </list>
/// </summary>
public static class ImageFiles
{
    private static readonly AxisId[] TiffOrder = AxisId.ParseAll("tzcyx");
    private static readonly AxisId[] PngOrder = AxisId.ParseAll("cyx");

    /// <summary>The format of a path by its extension.</summary>
    /// <exception cref="ImageFormatException">For an extension that is none of the supported ones.</exception>
    public static ImageFileFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".tif" or ".tiff" => ImageFileFormat.Tiff,
        ".npy" => ImageFileFormat.Npy,
        ".png" => ImageFileFormat.Png,
        var other => throw new ImageFormatException(path, $"unknown image extension '{other}' (use .tif, .tiff, .npy or .png)"),
    };

    /// <summary>Opens a file for plane-by-plane reading, optionally renaming its axes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="axes">Names for the file's axes (one per dimension), replacing what the file says.</param>
    public static IImageReader OpenReader(string path, IReadOnlyList<AxisId>? axes = null)
    {
        if (!File.Exists(path)) throw new ImageFormatException(path, "no such file");
        IImageReader reader = FormatOf(path) switch
        {
            ImageFileFormat.Tiff => TiffReader.Open(path),
            ImageFileFormat.Npy => NpyReader.Open(path),
            _ => PngReader.Open(path),
        };
        if (axes is null) return reader;
        if (axes.Count != reader.Info.Shape.Length)
        {
            reader.Dispose();
            throw new ImageFormatException(path, $"{axes.Count} axis names given for an image of {reader.Info.Shape.Length} dimensions ({reader.Info})");
        }
        return new RenamedAxesReader(reader, [.. axes]);
    }

    /// <summary>Starts writing <paramref name="path"/> (atomically: nothing appears there until <see cref="IImageWriter.Commit"/>).</summary>
    public static IImageWriter CreateWriter(string path, ImageInfo info, ImageWriteOptions? options = null) => FormatOf(path) switch
    {
        ImageFileFormat.Tiff => TiffWriter.Create(path, info, new TiffWriteOptions
        {
            Compression = options?.Deflate == true ? TiffCompression.AdobeDeflate : TiffCompression.None,
            BigTiff = options?.BigTiff,
        }),
        ImageFileFormat.Npy => NpyWriter.Create(path, info),
        _ => PngWriter.Create(path, info),
    };

    /// <summary>
    /// The axes an image gets when written to <paramref name="path"/>: for TIFF and PNG the format's order with
    /// singleton axes the format cannot hold dropped; for NPY the source axes unchanged.
    /// </summary>
    /// <exception cref="ImageFormatException">When an axis of size above 1 cannot be stored in the format.</exception>
    public static IReadOnlyList<AxisId> TargetAxes(string path, ImageInfo source)
    {
        var format = FormatOf(path);
        if (format == ImageFileFormat.Npy) return source.Axes;
        var order = format == ImageFileFormat.Tiff ? TiffOrder : PngOrder;
        for (int i = 0; i < source.Axes.Length; i++)
        {
            if (!order.Contains(source.Axes[i]) && source.Shape[i] != 1)
                throw new ImageFormatException(path, $"{format} cannot hold axis '{source.Axes[i]}' of size {source.Shape[i]} (image {source}); it holds '{AxisId.Format(order)}'");
        }
        if (!source.Axes.Contains(AxisId.Y) || !source.Axes.Contains(AxisId.X))
            throw new ImageFormatException(path, $"{format} needs y and x axes; the image is {source} (name the axes with --axes)");
        var target = order.Where(a => source.Axes.Contains(a) && (format == ImageFileFormat.Tiff || a != AxisId.Channel || source.Shape[source.Axes.IndexOf(a)] != 1)).ToList();
        return target;
    }

    /// <summary>Reads a whole image into memory.</summary>
    public static NdArray Read(string path, IReadOnlyList<AxisId>? axes = null)
    {
        using var reader = OpenReader(path, axes);
        return ReadAll(reader);
    }

    /// <summary>Reads every plane of an open reader into one array.</summary>
    public static NdArray ReadAll(IImageReader reader, CancellationToken cancellationToken = default)
    {
        var info = reader.Info;
        if (info.TotalBytes > Array.MaxLength)
            throw new ImageFormatException(reader.Path, $"image {info} is {info.TotalBytes >> 20} MiB, too large to hold in memory; stream it plane by plane");
        var array = NdArray.Create(info.DType, info.Shape.AsSpan(), info.Axes.AsSpan());
        int planeBytes = (int)info.PlaneBytes;
        for (long plane = 0; plane < info.PlaneCount; plane++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.ReadPlane(plane, array.Bytes.Slice((int)(plane * planeBytes), planeBytes));
        }
        return array;
    }

    /// <summary>Writes an array to <paramref name="path"/> (format by extension), atomically.</summary>
    public static void Write(string path, NdArray array, Calibration? calibration = null, ImageWriteOptions? options = null)
    {
        var info = new ImageInfo(array.DType, array.Shape, array.Axes, calibration);
        var axes = TargetAxes(path, info);
        var squeezed = array.Squeeze([.. axes]);
        var arranged = squeezed.Axes.SequenceEqual(axes) ? squeezed : squeezed.Transpose([.. axes]);
        using var writer = CreateWriter(path, new ImageInfo(arranged.DType, arranged.Shape, arranged.Axes, calibration), options);
        int planeBytes = (int)writer.Info.PlaneBytes;
        for (long plane = 0; plane < writer.Info.PlaneCount; plane++)
            writer.WritePlane(arranged.Bytes.Slice((int)(plane * planeBytes), planeBytes));
        writer.Commit();
    }

    private sealed class RenamedAxesReader(IImageReader inner, ImmutableArray<AxisId> axes) : IImageReader
    {
        public string Path => inner.Path;
        public ImageInfo Info { get; } = new(inner.Info.DType, inner.Info.Shape, axes, inner.Info.Calibration);
        public void ReadPlane(long index, Span<byte> destination) => inner.ReadPlane(index, destination);
        public void Dispose() => inner.Dispose();
    }
}
