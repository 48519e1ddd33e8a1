using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Prediction.Streaming;

/// <summary>Copies of a range of rows along one axis of an array (any dtype), and the reverse.</summary>
internal static class AxisSlice
{
    /// <summary>A new array holding indices <c>[start, stop)</c> of <paramref name="axis"/>, everything else whole.</summary>
    public static NdArray Rows(NdArray x, int axis, int start, int stop)
    {
        if (start == 0 && stop == x.Shape[axis]) return x;
        var shape = x.Shape.ToArray();
        shape[axis] = stop - start;
        var result = NdArray.Create(x.DType, shape, x.Axes.AsSpan());
        Copy(x.Bytes, x.Shape[axis], result.Bytes, shape[axis], (long)RowBytes(x, axis), start, 0, stop - start);
        return result;
    }

    /// <summary>Writes <paramref name="rows"/> into <paramref name="target"/> at index <paramref name="start"/> of <paramref name="axis"/>.</summary>
    public static void Place(NdArray rows, NdArray target, int axis, int start) =>
        Copy(rows.Bytes, rows.Shape[axis], target.Bytes, target.Shape[axis], (long)RowBytes(target, axis), 0, start, rows.Shape[axis]);

    /// <summary>Bytes of one index of <paramref name="axis"/> within one index of the axes before it.</summary>
    public static long RowBytes(NdArray x, int axis) => NdArray.ElementCount(x.Shape.AsSpan()[(axis + 1)..]) * x.DType.SizeOf();

    private static void Copy(Span<byte> source, int sourceRows, Span<byte> target, int targetRows, long rowBytes, int sourceStart, int targetStart, int rows)
    {
        long outer = source.Length / (sourceRows * rowBytes);
        int length = (int)(rows * rowBytes);
        for (long o = 0; o < outer; o++)
        {
            source.Slice((int)((o * sourceRows + sourceStart) * rowBytes), length)
                .CopyTo(target.Slice((int)((o * targetRows + targetStart) * rowBytes), length));
        }
    }
}
