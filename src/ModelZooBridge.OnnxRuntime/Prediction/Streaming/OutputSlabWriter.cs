using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.OnnxRuntime.Prediction.Streaming;

/// <summary>
/// Writes one output image from consecutive slabs of rows along one axis, atomically (<see cref="IImageWriter"/>).
/// The image is arranged as <see cref="ImageFiles.Write"/> arranges a whole array (a batch axis of size 1 dropped,
/// the format's axis order). When the slab axis is the file's outermost plane axis of size above 1 (z of a TIFF
/// volume), each slab's planes are written as they come; otherwise (y of a 2-D image, or a format that orders
/// another axis first) the arranged output is held whole and written on <see cref="Commit"/>.
/// </summary>
internal sealed class OutputSlabWriter(string path, IReadOnlyList<int> imageShape, IReadOnlyList<AxisId> imageAxes, AxisId slabAxis,
    Calibration calibration) : IDisposable
{
    private IImageWriter? _writer;
    private NdArray? _held;
    private AxisId[] _targetAxes = [];
    private int _targetAxis = -1;
    private int _nextRow;

    /// <summary>The file written.</summary>
    public string Path => path;

    /// <summary>The output as the model made it, with image axis names (known after the first slab, which fixes the dtype).</summary>
    public ImageInfo? TensorInfo => _writer is null ? null : new ImageInfo(_writer.Info.DType, [.. imageShape], [.. imageAxes], calibration);

    /// <summary>True when planes are written slab by slab, false when the output is held until <see cref="Commit"/>.</summary>
    public bool Streams { get; private set; }

    /// <summary>Bytes held between slabs (the arranged output when it cannot be streamed).</summary>
    public long HeldBytes => _held is null ? 0 : _held.Length * _held.DType.SizeOf();

    /// <summary>Whether an output of <paramref name="shape"/> and <paramref name="axes"/> written to <paramref name="target"/> streams along <paramref name="slabAxis"/>.</summary>
    public static bool CanStream(string target, IReadOnlyList<int> shape, IReadOnlyList<AxisId> axes, AxisId slabAxis)
    {
        var (targetAxes, targetShape) = Arrange(target, shape, axes, DType.Float32, Calibration.None);
        int t = Array.IndexOf(targetAxes, slabAxis);
        return t >= 0 && t < targetAxes.Length - 2 && targetShape.Take(t).All(s => s == 1);
    }

    /// <summary>Appends rows <c>[start, start + rows)</c> along the slab axis; slabs must come in order, without gaps.</summary>
    /// <param name="slab">The postprocessed output rows, with image axis names and the whole image's sizes on the other axes.</param>
    /// <param name="start">The slab's first row.</param>
    public void Write(NdArray slab, int start)
    {
        if (start != _nextRow) throw new InvalidOperationException($"{path}: slab starts at row {start}, expected {_nextRow}");
        if (_writer is null) Open(slab.DType);
        var squeezed = slab.Squeeze(_targetAxes);
        var arranged = squeezed.Axes.SequenceEqual(_targetAxes) ? squeezed : squeezed.Transpose(_targetAxes);
        int rows = slab.Shape[slab.IndexOf(slabAxis)];
        if (Streams)
        {
            int planeBytes = (int)_writer!.Info.PlaneBytes;
            var bytes = arranged.Bytes;
            for (int offset = 0; offset < bytes.Length; offset += planeBytes) _writer.WritePlane(bytes.Slice(offset, planeBytes));
        }
        else
        {
            AxisSlice.Place(arranged, _held!, _targetAxis, start);
        }
        _nextRow = start + rows;
    }

    /// <summary>Writes what is held and moves the file into place.</summary>
    public void Commit()
    {
        var writer = _writer ?? throw new InvalidOperationException($"{path}: nothing was written");
        int total = imageShape[imageAxes.ToList().IndexOf(slabAxis)];
        if (_nextRow != total) throw new InvalidOperationException($"{path}: {_nextRow} of {total} rows written");
        if (_held is not null)
        {
            int planeBytes = (int)writer.Info.PlaneBytes;
            var bytes = _held.Bytes;
            for (int offset = 0; offset < bytes.Length; offset += planeBytes) writer.WritePlane(bytes.Slice(offset, planeBytes));
        }
        writer.Commit();
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public void Dispose() => _writer?.Dispose();

    private void Open(DType dtype)
    {
        var (targetAxes, targetShape) = Arrange(path, imageShape, imageAxes, dtype, calibration);
        _targetAxes = targetAxes;
        _targetAxis = Array.IndexOf(targetAxes, slabAxis);
        Streams = CanStream(path, imageShape, imageAxes, slabAxis);
        var info = new ImageInfo(dtype, [.. targetShape], [.. targetAxes], calibration);
        if (!Streams) _held = NdArray.Create(dtype, targetShape, targetAxes);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _writer = ImageFiles.CreateWriter(path, info);
    }

    private static (AxisId[] Axes, int[] Shape) Arrange(string target, IReadOnlyList<int> shape, IReadOnlyList<AxisId> axes, DType dtype, Calibration calibration)
    {
        var kept = axes.Select((a, i) => (Axis: a, Size: shape[i])).Where(p => !(p.Axis == AxisId.Batch && p.Size == 1)).ToArray();
        var info = new ImageInfo(dtype, [.. kept.Select(p => p.Size)], [.. kept.Select(p => p.Axis)], calibration);
        var targetAxes = ImageFiles.TargetAxes(target, info).ToArray();
        return (targetAxes, [.. targetAxes.Select(a => kept.First(p => p.Axis == a).Size)]);
    }
}
