using ModelZooBridge.Imaging;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction.Streaming;

/// <summary>
/// How slabs of an input tensor lie in an image file, known from its header: which image axis the tensor's slab axis
/// is, whether slabs are whole planes, and the bytes a slab (or the held image) takes in the file's dtype.
/// </summary>
/// <param name="Info">The image file's header.</param>
/// <param name="TensorShape">The whole input tensor's shape (<see cref="SampleLayout.TensorShape(IReadOnlyList{ModelZooBridge.Arrays.AxisId}, IReadOnlyList{int}, InputTensorDescr)"/>).</param>
/// <param name="ImageAxis">The image axis of the tensor's slab axis.</param>
internal sealed record InputSlabLayout(ImageInfo Info, int[] TensorShape, int ImageAxis)
{
    /// <summary>The layout of <paramref name="input"/> tensors in an image of <paramref name="info"/>, cut along tensor axis <paramref name="tensorAxis"/>.</summary>
    /// <exception cref="ArgumentException">When the image does not fit the input.</exception>
    public static InputSlabLayout Create(ImageInfo info, InputTensorDescr input, int tensorAxis)
    {
        var shape = SampleLayout.TensorShape(info.Axes, info.Shape, input);
        // TensorShape has checked that every tiled tensor axis is an image axis.
        return new InputSlabLayout(info, shape, info.Axes.IndexOf(SampleLayout.ImageAxis(input.Axes[tensorAxis])));
    }

    /// <summary>True when the slab axis indexes planes, so slabs are read plane by plane; false when it lies inside a plane and the raw image is held whole.</summary>
    public bool ReadsPlanes => ImageAxis < Info.OuterRank;

    /// <summary>Bytes of raw image held across slabs (the whole image when <see cref="ReadsPlanes"/> is false).</summary>
    public long HeldBytes => ReadsPlanes ? 0 : Info.TotalBytes;

    /// <summary>Bytes of a slab of <paramref name="rows"/> rows in the file's dtype.</summary>
    public long SlabBytes(int rows) => Info.TotalBytes / Info.Shape[ImageAxis] * rows;
}
