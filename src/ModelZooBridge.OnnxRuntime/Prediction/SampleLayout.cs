using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Maps between image axes (<c>b</c>, <c>c</c>, <c>t</c>, <c>z</c>, <c>y</c>, <c>x</c>) and a tensor's described axes:
/// batch and channel axes by type, every other axis by id. Pure.
/// </summary>
public static class SampleLayout
{
    /// <summary>The image axis name of a described axis: <c>b</c> for batch, <c>c</c> for channel, else its id.</summary>
    public static AxisId ImageAxis(AxisDescr axis) => axis switch
    {
        BatchAxis => AxisId.Batch,
        ChannelAxis => AxisId.Channel,
        _ => axis.Id,
    };

    /// <summary>
    /// Arranges <paramref name="image"/> in the axis order of <paramref name="input"/>, named by the described ids;
    /// batch and channel axes the image lacks get size 1. Image axes of size 1 the tensor does not have are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">When an image axis has no counterpart, a spatial axis is missing, or the channel count differs.</exception>
    public static NdArray ToTensor(NdArray image, InputTensorDescr input)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(input);
        var shape = TensorShape(image, input);
        var wanted = input.Axes.Select(ImageAxis).ToArray();
        var kept = image.Squeeze([.. wanted]);
        var present = wanted.Where(a => kept.IndexOf(a) >= 0).ToArray();
        var arranged = present.SequenceEqual(kept.Axes) ? kept : kept.Transpose(present);
        return arranged.Reshape(shape, [.. input.Axes.Select(a => a.Id)]);
    }

    /// <summary>The shape <see cref="ToTensor"/> gives, without touching the data.</summary>
    /// <exception cref="ArgumentException">As <see cref="ToTensor"/>.</exception>
    public static int[] TensorShape(NdArray image, InputTensorDescr input)
    {
        ArgumentNullException.ThrowIfNull(image);
        return TensorShape(image.Axes, image.Shape, input);
    }

    /// <summary>The shape <see cref="ToTensor"/> gives for an image of <paramref name="imageAxes"/> and <paramref name="imageShape"/> (e.g. from a file's header).</summary>
    /// <exception cref="ArgumentException">As <see cref="ToTensor"/>.</exception>
    public static int[] TensorShape(IReadOnlyList<AxisId> imageAxes, IReadOnlyList<int> imageShape, InputTensorDescr input)
    {
        ArgumentNullException.ThrowIfNull(imageAxes);
        ArgumentNullException.ThrowIfNull(imageShape);
        ArgumentNullException.ThrowIfNull(input);
        var wanted = input.Axes.Select(ImageAxis).ToArray();
        foreach (var (axis, size) in imageAxes.Zip(imageShape))
        {
            if (!wanted.Contains(axis) && size != 1)
                throw new ArgumentException(
                    $"image axis '{axis}' (size {size}) has no counterpart in input '{input.Id}' (axes {AxisId.Format(wanted)})", "image");
        }
        var shape = new int[wanted.Length];
        for (int d = 0; d < wanted.Length; d++)
        {
            var axis = input.Axes[d];
            int index = imageAxes.ToList().IndexOf(wanted[d]);
            if (index < 0 && axis is not (BatchAxis or ChannelAxis))
                throw new ArgumentException($"input '{input.Id}' needs axis '{wanted[d]}', the image has axes '{AxisId.Format(imageAxes)}'", "image");
            shape[d] = index < 0 ? 1 : imageShape[index];
            if (SpecDigest.ChannelCount(axis) is int channels && shape[d] != channels)
                throw new ArgumentException(
                    $"input '{input.Id}' takes {channels} channel(s), the image has {shape[d]}", "image");
        }
        return shape;
    }

    /// <summary>Renames a tensor shaped like <paramref name="output"/> to image axis names.</summary>
    public static NdArray ToImage(NdArray tensor, OutputTensorDescr output)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(output);
        return tensor.WithAxes([.. output.Axes.Select(ImageAxis)]);
    }
}
