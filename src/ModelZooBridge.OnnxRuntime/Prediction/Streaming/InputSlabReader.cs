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
internal sealed class InputSlabReader(IImageReader reader, InputTensorDescr input, InputSlabLayout layout)
{
    private NdArray? _held;

    /// <summary>Where slabs lie in the file.</summary>
    public InputSlabLayout Layout => layout;

    /// <summary>The tensor's axes (the input's described axis ids).</summary>
    public AxisId[] TensorAxes => [.. input.Axes.Select(a => a.Id)];

    /// <summary>Rows <c>[start, stop)</c> of the tensor along the slab axis, in the file's dtype.</summary>
    public NdArray Read(int start, int stop, CancellationToken cancellationToken)
    {
        var info = reader.Info;
        int axis = layout.ImageAxis;
        NdArray slab;
        if (layout.ReadsPlanes)
        {
            var shape = info.Shape.ToArray();
            shape[axis] = stop - start;
            slab = NdArray.Create(info.DType, shape, info.Axes.AsSpan());
            long planesPerRow = NdArray.ElementCount(info.Shape.AsSpan(axis + 1, info.OuterRank - axis - 1));
            long outer = NdArray.ElementCount(info.Shape.AsSpan(0, axis));
            int planeBytes = (int)info.PlaneBytes;
            var bytes = slab.Bytes;
            long target = 0;
            for (long o = 0; o < outer; o++)
            {
                for (int row = start; row < stop; row++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    long first = (o * info.Shape[axis] + row) * planesPerRow;
                    for (long p = 0; p < planesPerRow; p++, target++)
                        reader.ReadPlane(first + p, bytes.Slice((int)(target * planeBytes), planeBytes));
                }
            }
        }
        else
        {
            _held ??= ImageFiles.ReadAll(reader, cancellationToken);
            slab = AxisSlice.Rows(_held, axis, start, stop);
        }
        return SampleLayout.ToTensor(slab, input);
    }
}
