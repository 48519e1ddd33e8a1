using System.IO.Compression;
using System.Runtime.InteropServices;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.Imaging.Tiff.Writing;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// Writes an ImageJ-compatible TIFF hyperstack page by page (<see href="https://www.itu.int/itudoc/itu-t/com16/tiff-fx/docs/tiff6.pdf">TIFF 6.0</see>,
/// little-endian, grey samples; BigTIFF when needed). Axes must be a subsequence of <c>t,z,c,y,x</c> in that order
/// ending in <c>y,x</c>, so the plane order of <see cref="ImageInfo"/> is ImageJ's page order (channel fastest, then
/// slice, then frame). Each <see cref="WritePlane"/> writes its page at once, so memory stays at about one page.
/// <para>
/// For uint8, bool (stored as uint8 0/1), uint16, int16 and float32 the first page carries ImageJ's description
/// (images, channels, slices, frames, hyperstack, unit, spacing, finterval, tunit) and XResolution/YResolution hold
/// 1 / pixel size with ResolutionUnit none, as ImageJ writes them. ImageJ does not read int8, uint32, int32, int64 or
/// float64 exactly, so those files get tifffile's JSON shape description instead; see <c>README.md (Writing)</c>.
/// </para>
/// <para>The file appears at <see cref="Path"/> only on <see cref="Commit"/>; disposing before that deletes the temporary file.</para>
/// </summary>
public sealed class TiffWriter : IImageWriter
{
    private readonly TiffWriterCore _core;

    private TiffWriter(TiffWriterCore core, TiffWriteOptions options)
    {
        _core = core;
        Options = options;
    }

    /// <inheritdoc/>
    public string Path => _core.Path;

    /// <inheritdoc/>
    public ImageInfo Info => _core.Info;

    /// <summary>The options in force.</summary>
    public TiffWriteOptions Options { get; }

    /// <summary>True when the file is BigTIFF (chosen by <see cref="TiffWriteOptions.BigTiff"/> or automatically).</summary>
    public bool IsBigTiff => _core.BigTiff;

    /// <summary>True when the file carries ImageJ's hyperstack description (see <see cref="IsImageJCompatible"/>).</summary>
    public bool HasImageJDescription => TiffSampleEncoding.ImageJReadsExactly(Info.DType);

    /// <summary>Number of planes written so far.</summary>
    public long PlanesWritten => _core.PlanesWritten;

    /// <summary>
    /// True for the dtypes ImageJ 1.x opens with exact values, which are written with ImageJ's description:
    /// uint8, bool, uint16, int16 (through ImageJ's signed-16-bit calibration) and float32.
    /// </summary>
    public static bool IsImageJCompatible(DType dtype) => TiffSampleEncoding.ImageJReadsExactly(dtype);

    /// <summary>Starts writing <paramref name="path"/> (its folder must exist) under a temporary name.</summary>
    /// <param name="path">The file that <see cref="Commit"/> creates or replaces.</param>
    /// <param name="info">Dtype, shape, axes (a subsequence of <c>t,z,c,y,x</c> ending in <c>y,x</c>) and calibration.</param>
    /// <param name="options">Compression and container; <see cref="TiffWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">When the axes are not in ImageJ order, a size is 0, a plane exceeds 2 GiB,
    /// the calibration cannot be stored, the compression is neither None nor AdobeDeflate, or classic TIFF is forced for
    /// an uncompressed image that cannot fit it.</exception>
    public static TiffWriter Create(string path, ImageInfo info, TiffWriteOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(info);
        options ??= TiffWriteOptions.Default;
        if (options.Compression is not (TiffCompression.None or TiffCompression.AdobeDeflate))
            throw new ArgumentException(
                $"compression {options.Compression} is not supported by the TIFF writer; use {nameof(TiffCompression.None)} or {nameof(TiffCompression.AdobeDeflate)}",
                nameof(options));
        if (!Enum.IsDefined(options.CompressionLevel))
            throw new ArgumentException($"compression level {(int)options.CompressionLevel} is not a {nameof(CompressionLevel)}", nameof(options));
        if (info.Shape.Length >= 2 && info.PlaneBytes > Array.MaxLength)
            throw new ArgumentException($"a plane of {info} holds {info.PlaneBytes} bytes; at most {Array.MaxLength} are supported", nameof(info));

        var metadata = TiffImageMetadata.For(info);
        bool mayExceed = TiffWriterCore.MayExceedClassicTiff(info, metadata, options.Compression);
        if (options.BigTiff == false && mayExceed && options.Compression == TiffCompression.None)
            throw new ArgumentException($"{info} needs about {info.TotalBytes} bytes, more than classic TIFF can address; allow BigTIFF", nameof(options));
        var core = new TiffWriterCore(path, info, metadata, options.Compression, options.CompressionLevel, options.BigTiff ?? mayExceed);
        return new TiffWriter(core, options);
    }

    /// <summary>Writes <paramref name="array"/> plane by plane and commits: a convenience over <see cref="Create"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="array">The image; its axes must be a subsequence of <c>t,z,c,y,x</c> ending in <c>y,x</c>.</param>
    /// <param name="calibration">Pixel size and frame interval; uncalibrated when null.</param>
    /// <param name="options">Compression and container.</param>
    public static void Write(string path, NdArray array, Calibration? calibration = null, TiffWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        using var writer = Create(path, new ImageInfo(array.DType, array.Shape, array.Axes, calibration), options);
        switch (array.DType)
        {
            case DType.Bool: WritePlanes(writer, array.As<bool>()); break;
            case DType.UInt8: WritePlanes(writer, array.As<byte>()); break;
            case DType.Int8: WritePlanes(writer, array.As<sbyte>()); break;
            case DType.UInt16: WritePlanes(writer, array.As<ushort>()); break;
            case DType.Int16: WritePlanes(writer, array.As<short>()); break;
            case DType.UInt32: WritePlanes(writer, array.As<uint>()); break;
            case DType.Int32: WritePlanes(writer, array.As<int>()); break;
            case DType.Int64: WritePlanes(writer, array.As<long>()); break;
            case DType.Float32: WritePlanes(writer, array.As<float>()); break;
            case DType.Float64: WritePlanes(writer, array.As<double>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(array), array.DType, "unknown dtype");
        }
        writer.Commit();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">When <paramref name="plane"/> does not hold <see cref="ImageInfo.PlaneBytes"/> bytes.</exception>
    /// <exception cref="InvalidOperationException">When every plane has been written, or classic TIFF overflows.</exception>
    public void WritePlane(ReadOnlySpan<byte> plane) => _core.WritePlane(plane);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">When fewer than <see cref="ImageInfo.PlaneCount"/> planes have been written.</exception>
    public void Commit() => _core.Commit();

    /// <summary>Closes the file; without <see cref="Commit"/> the temporary file is deleted and <see cref="Path"/> is untouched.</summary>
    public void Dispose() => _core.Dispose();

    private static void WritePlanes<T>(TiffWriter writer, NdArray<T> array) where T : unmanaged
    {
        var elements = array.Span;
        int planeLength = (int)writer.Info.PlaneLength;
        for (long plane = 0; plane < writer.Info.PlaneCount; plane++)
            writer.WritePlane(MemoryMarshal.AsBytes(elements.Slice((int)(plane * planeLength), planeLength)));
    }
}
