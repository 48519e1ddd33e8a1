using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Reads image and label files (TIFF, PNG, NPY through <see cref="ImageFiles"/>) into the <c>c,z,y,x</c> and
/// <c>z,y,x</c> layouts of <see cref="TrainingVolume"/>. Axes of size 1 are dropped; besides <c>y,x</c> an image may
/// have <c>z</c> (slices or a volume) and <c>c</c>, a label only <c>z</c>.
/// </summary>
public static class ImageVolumeReader
{
    private static readonly AxisId[] ImageOrder = [AxisId.Channel, AxisId.Z, AxisId.Y, AxisId.X];

    /// <summary>Reads an image as float32 <c>c,z,y,x</c>, normalised per channel.</summary>
    /// <exception cref="TrainingDataException">For an unreadable file or unsupported axes, naming the file.</exception>
    public static (float[] Values, VolumeShape Shape) ReadImage(string path, IntensityNormalization normalization)
    {
        var (array, shape) = ReadArranged(path, allowChannels: true);
        float[] values = array.ToFloat32().Span.ToArray();
        if (normalization == IntensityNormalization.ZeroMeanUnitVariance)
        {
            int voxels = shape.Depth * shape.Height * shape.Width;
            for (int c = 0; c < shape.Channels; c++) Standardize(values.AsSpan(c * voxels, voxels));
        }
        return (values, shape);
    }

    /// <summary>
    /// Reads a label (or prediction) image as raw integer values <c>z,y,x</c> and the distinct values it holds.
    /// </summary>
    /// <exception cref="TrainingDataException">For a non-integer value or channels, naming the file.</exception>
    public static (int[] Values, VolumeShape Shape, IReadOnlySet<int> Distinct) ReadLabels(string path)
    {
        var (array, shape) = ReadArranged(path, allowChannels: false);
        var asDouble = array.ConvertTo(DType.Float64).As<double>().Span;
        var values = new int[asDouble.Length];
        var distinct = new HashSet<int>();
        int last = int.MinValue;
        for (int i = 0; i < asDouble.Length; i++)
        {
            double v = asDouble[i];
            if (v != Math.Floor(v) || v < 0 || v > int.MaxValue)
                throw new TrainingDataException($"{path}: label value {v} at element {i} is not a class (labels must be non-negative integers)");
            int value = (int)v;
            values[i] = value;
            if (value != last) distinct.Add(value);
            last = value;
        }
        return (values, shape, distinct);
    }

    private static (NdArray Array, VolumeShape Shape) ReadArranged(string path, bool allowChannels)
    {
        NdArray array;
        try
        {
            array = ImageFiles.Read(path);
        }
        catch (ImageFormatException e)
        {
            throw new TrainingDataException(e.Message, e);
        }
        var squeezed = array.Squeeze(AxisId.Y, AxisId.X);
        foreach (var axis in squeezed.Axes)
        {
            if (!ImageOrder.Contains(axis) || (axis == AxisId.Channel && !allowChannels))
                throw new TrainingDataException($"{path}: axis '{axis}' of size {squeezed.SizeOf(axis)} is not supported for {(allowChannels ? "images" : "labels")} (image {array}; expected {(allowChannels ? "c," : "")}z,y,x)");
        }
        if (!squeezed.Axes.Contains(AxisId.Y) || !squeezed.Axes.Contains(AxisId.X))
            throw new TrainingDataException($"{path}: needs y and x axes, the image is {array}");
        var order = ImageOrder.Where(squeezed.Axes.Contains).ToArray();
        var arranged = squeezed.Axes.SequenceEqual(order) ? squeezed : squeezed.Transpose(order);
        int Size(AxisId axis) => arranged.Axes.Contains(axis) ? arranged.SizeOf(axis) : 1;
        return (arranged, new VolumeShape(Size(AxisId.Channel), Size(AxisId.Z), Size(AxisId.Y), Size(AxisId.X)));
    }

    private static void Standardize(Span<float> values)
    {
        var (mean, std) = IntensityStatistics.MeanAndStd(values);
        float scale = std > 1e-12 ? (float)(1 / std) : 1f;
        TensorPrimitives.Subtract(values, (float)mean, values);
        TensorPrimitives.Multiply(values, scale, values);
    }
}
