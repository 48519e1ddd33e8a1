using System.Buffers;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging;

/// <summary>Options of <see cref="ImageConversion"/>.</summary>
public sealed record ConversionOptions
{
    /// <summary>Convert values to this dtype (saturating); null keeps the source dtype.</summary>
    public DType? DType { get; init; }

    /// <summary>Format-specific writer options.</summary>
    public ImageWriteOptions? Write { get; init; }
}

/// <summary>
/// Converts between image files plane by plane, so memory stays at a few planes whatever the image size.
/// Axes are rearranged into the order the target format needs (see <see cref="ImageFiles.TargetAxes"/>); when
/// that moves one of the two plane axes, the image is transposed in memory instead.
/// </summary>
public static class ImageConversion
{
    /// <summary>Converts <paramref name="input"/> to <paramref name="output"/> (formats by extension) and returns what was written.</summary>
    /// <param name="input">Source file.</param>
    /// <param name="output">Target file, written atomically.</param>
    /// <param name="options">Dtype and writer options.</param>
    /// <param name="progress">Receives the number of planes written so far.</param>
    /// <param name="cancellationToken">Stops between planes; nothing is left at <paramref name="output"/>.</param>
    /// <exception cref="ImageFormatException">When a file cannot be read, or the image cannot be stored in the target format.</exception>
    public static ImageInfo Convert(string input, string output, ConversionOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = ImageFiles.OpenReader(input);
        return Convert(reader, output, options, progress, cancellationToken);
    }

    /// <summary>Converts what <paramref name="reader"/> reads to <paramref name="output"/> (format by extension) and returns what was written.</summary>
    /// <param name="reader">Source, e.g. from <see cref="ImageFiles.OpenReader"/> with renamed axes.</param>
    /// <param name="output">Target file, written atomically.</param>
    /// <param name="options">Dtype, axis names and writer options.</param>
    /// <param name="progress">Receives the number of planes written so far.</param>
    /// <param name="cancellationToken">Stops between planes; nothing is left at <paramref name="output"/>.</param>
    /// <exception cref="ImageFormatException">When a file cannot be read, or the image cannot be stored in the target format.</exception>
    public static ImageInfo Convert(IImageReader reader, string output, ConversionOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new ConversionOptions();
        var source = reader.Info;
        var targetAxes = ImageFiles.TargetAxes(output, source);
        var targetDType = options.DType ?? source.DType;

        var kept = targetAxes.Select(a => source.Axes.IndexOf(a)).ToArray();
        var squeezedShape = kept.Select(i => source.Shape[i]).ToArray();
        var target = new ImageInfo(targetDType, [.. squeezedShape], [.. targetAxes], source.Calibration);

        bool planesKept = source.Shape.Length >= 2 && target.Shape.Length >= 2
            && source.Axes[^1] == target.Axes[^1] && source.Axes[^2] == target.Axes[^2];
        using var writer = ImageFiles.CreateWriter(output, target, options.Write);
        if (planesKept)
            StreamPlanes(reader, writer, targetAxes, progress, cancellationToken);
        else
            TransposeInMemory(reader, writer, targetAxes, progress, cancellationToken);
        writer.Commit();
        return target;
    }

    private static void StreamPlanes(IImageReader reader, IImageWriter writer, IReadOnlyList<AxisId> targetAxes,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var source = reader.Info;
        var target = writer.Info;
        // Singleton axes the target drops are absent from its plane numbering; a size-1 axis contributes nothing.
        var sourceWithoutDropped = new ImageInfo(source.DType,
            [.. source.Shape.Where((_, i) => targetAxes.Contains(source.Axes[i]))],
            [.. source.Axes.Where(targetAxes.Contains)]);
        var layout = PlaneLayout.Create(sourceWithoutDropped, targetAxes.Take(target.OuterRank).ToList());
        var sourcePlane = ArrayPool<byte>.Shared.Rent(checked((int)source.PlaneBytes));
        var targetPlane = source.DType == target.DType ? null : ArrayPool<byte>.Shared.Rent(checked((int)target.PlaneBytes));
        try
        {
            var sourceSpan = sourcePlane.AsSpan(0, (int)source.PlaneBytes);
            for (long plane = 0; plane < target.PlaneCount; plane++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                reader.ReadPlane(layout.SourcePlane(plane), sourceSpan);
                if (targetPlane is null)
                {
                    writer.WritePlane(sourceSpan);
                }
                else
                {
                    var targetSpan = targetPlane.AsSpan(0, (int)target.PlaneBytes);
                    ElementConversion.Convert(source.DType, sourceSpan, target.DType, targetSpan);
                    writer.WritePlane(targetSpan);
                }
                progress?.Report(plane + 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sourcePlane);
            if (targetPlane is not null) ArrayPool<byte>.Shared.Return(targetPlane);
        }
    }

    private static void TransposeInMemory(IImageReader reader, IImageWriter writer, IReadOnlyList<AxisId> targetAxes,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var whole = ImageFiles.ReadAll(reader, cancellationToken);
        var squeezed = whole.Squeeze([.. targetAxes]);
        var arranged = squeezed.Transpose([.. targetAxes]).ConvertTo(writer.Info.DType);
        long planeBytes = writer.Info.PlaneBytes;
        for (long plane = 0; plane < writer.Info.PlaneCount; plane++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WritePlane(arranged.Bytes.Slice(checked((int)(plane * planeBytes)), (int)planeBytes));
            progress?.Report(plane + 1);
        }
    }
}
