using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction.Streaming;

/// <summary>
/// Reads rows <c>[start, stop)</c> along one axis of a model input tensor from an image file, in the file's dtype and
/// the tensor's axis order (<see cref="SampleLayout.ToTensor"/>). When the slab axis indexes the file's planes (z of
/// a volume) only the planes of those rows are read; when it lies inside a plane (y of a 2-D image) the file's raw
/// planes are read once and held, since <see cref="IImageReader"/> reads whole planes.
/// </summary>
internal sealed class InputSlabReader
{
    private readonly IImageReader _reader;
    private readonly InputTensorDescr _input;
    private readonly int _imageAxis;
    private NdArray? _held;

    /// <summary>Reads <paramref name="input"/> tensors from <paramref name="reader"/>, cut along tensor axis <paramref name="tensorAxis"/>.</summary>
    /// <exception cref="ArgumentException">When the image does not fit the input (<see cref="SampleLayout.TensorShape(IReadOnlyList{AxisId}, IReadOnlyList{int}, InputTensorDescr)"/>).</exception>
    public InputSlabReader(IImageReader reader, InputTensorDescr input, int tensorAxis)
    {
        _reader = reader;
        _input = input;
        var info = reader.Info;
        TensorShape = SampleLayout.TensorShape(info.Axes, info.Shape, input);
        // TensorShape has checked that every tiled tensor axis is an image axis.
        _imageAxis = info.Axes.IndexOf(SampleLayout.ImageAxis(input.Axes[tensorAxis]));
        ReadsPlanes = _imageAxis >= 0 && _imageAxis < info.OuterRank;
    }

    /// <summary>The whole input tensor's shape.</summary>
    public int[] TensorShape { get; }

    /// <summary>The tensor's axes (the input's described axis ids).</summary>
    public AxisId[] TensorAxes => [.. _input.Axes.Select(a => a.Id)];

    /// <summary>True when slabs are read plane by plane; false when the raw image is held whole.</summary>
    public bool ReadsPlanes { get; }

    /// <summary>Bytes of raw image held across slabs (the whole image when <see cref="ReadsPlanes"/> is false).</summary>
    public long HeldBytes => ReadsPlanes ? 0 : _reader.Info.TotalBytes;

    /// <summary>Bytes of one slab of <paramref name="rows"/> rows in the file's dtype.</summary>
    public long SlabBytes(int rows) => _reader.Info.TotalBytes / _reader.Info.Shape[_imageAxis] * rows;

    /// <summary>Rows <c>[start, stop)</c> of the tensor along the slab axis, in the file's dtype.</summary>
    public NdArray Read(int start, int stop, CancellationToken cancellationToken)
    {
        var info = _reader.Info;
        NdArray slab;
        if (ReadsPlanes)
        {
            var shape = info.Shape.ToArray();
            shape[_imageAxis] = stop - start;
            slab = NdArray.Create(info.DType, shape, info.Axes.AsSpan());
            long planesPerRow = NdArray.ElementCount(info.Shape.AsSpan(_imageAxis + 1, info.OuterRank - _imageAxis - 1));
            long outer = NdArray.ElementCount(info.Shape.AsSpan(0, _imageAxis));
            int planeBytes = (int)info.PlaneBytes;
            var bytes = slab.Bytes;
            long target = 0;
            for (long o = 0; o < outer; o++)
            {
                for (int row = start; row < stop; row++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    long first = (o * info.Shape[_imageAxis] + row) * planesPerRow;
                    for (long p = 0; p < planesPerRow; p++, target++)
                        _reader.ReadPlane(first + p, bytes.Slice((int)(target * planeBytes), planeBytes));
                }
            }
        }
        else
        {
            slab = AxisSlice.Rows(Held(cancellationToken), _imageAxis, start, stop);
        }
        return SampleLayout.ToTensor(slab, _input);
    }

    private NdArray Held(CancellationToken cancellationToken) => _held ??= ImageFiles.ReadAll(_reader, cancellationToken);
}
