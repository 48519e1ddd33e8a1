using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Reflect padding with numpy's <c>np.pad(..., mode="reflect")</c> semantics: the edge value is not repeated
/// (<c>[1,2,3]</c> padded by 2 gives <c>[3,2,1,2,3,2,1]</c>). Pads wider than the axis reflect again and again,
/// which is what numpy produces too (period <c>2·(size − 1)</c>); an axis of size 1 repeats its only value.
/// </summary>
public static class ReflectPad
{
    /// <summary>The source index that numpy's reflect mode reads for position <paramref name="index"/> of an axis of <paramref name="size"/>.</summary>
    public static int MapIndex(int index, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if ((uint)index < (uint)size) return index;
        if (size == 1) return 0;
        int period = 2 * (size - 1);
        int m = (int)(((long)index % period + period) % period);
        return m < size ? m : period - m;
    }

    /// <summary>A copy of <paramref name="source"/> padded by <paramref name="padding"/> on each axis.</summary>
    public static NdArray<float> Pad(NdArray<float> source, ReadOnlySpan<PadWidth> padding)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (padding.Length != source.Rank)
            throw new ArgumentException($"{padding.Length} pad widths for rank {source.Rank}", nameof(padding));
        var origin = new int[source.Rank];
        var shape = new int[source.Rank];
        for (int d = 0; d < source.Rank; d++)
        {
            if (padding[d].Before < 0 || padding[d].After < 0)
                throw new ArgumentOutOfRangeException(nameof(padding), $"axis {d} has a negative pad width {padding[d]}");
            origin[d] = -padding[d].Before;
            shape[d] = source.Shape[d] + padding[d].Before + padding[d].After;
        }
        var result = new NdArray<float>(shape, source.Axes.AsSpan());
        Extract(source, origin, shape, result.Span);
        return result;
    }

    /// <summary>
    /// Copies the region <c>[origin, origin + shape)</c> of <paramref name="source"/> into <paramref name="destination"/>
    /// (C order), reflecting where the region leaves the array. Use it to fill one slot of a batched block buffer.
    /// </summary>
    /// <param name="source">The whole sample.</param>
    /// <param name="origin">First sample coordinate per axis, may be negative (e.g. <see cref="BlockMeta.Origin"/>).</param>
    /// <param name="shape">Region size per axis (e.g. <see cref="BlockMeta.Shape"/>).</param>
    /// <param name="destination">Receives exactly the product of <paramref name="shape"/> elements.</param>
    public static void Extract(NdArray<float> source, ReadOnlySpan<int> origin, ReadOnlySpan<int> shape, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        Extract(source, new int[source.Rank], source.Shape.AsSpan(), origin, shape, destination);
    }

    /// <summary>
    /// As <see cref="Extract(NdArray{float}, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float})"/>, but
    /// <paramref name="window"/> holds only part of a larger sample: the box starting at <paramref name="windowOrigin"/>
    /// of a sample of <paramref name="sampleShape"/>. Reflection happens at the sample's borders, not the window's,
    /// so a slab read with the rows its blocks need gives exactly what the whole sample would.
    /// </summary>
    /// <exception cref="ArgumentException">When the region reads (after reflection) a sample element outside the window.</exception>
    public static void Extract(NdArray<float> window, ReadOnlySpan<int> windowOrigin, ReadOnlySpan<int> sampleShape,
        ReadOnlySpan<int> origin, ReadOnlySpan<int> shape, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(window);
        var source = window;
        int rank = source.Rank;
        if (origin.Length != rank || shape.Length != rank || windowOrigin.Length != rank || sampleShape.Length != rank)
            throw new ArgumentException(
                $"origin rank {origin.Length}, shape rank {shape.Length}, window origin rank {windowOrigin.Length} and sample rank {sampleShape.Length} must equal the array rank {rank}");
        long count = NdArray.ElementCount(shape);
        if (destination.Length != count)
            throw new ArgumentException($"destination holds {destination.Length} elements, region needs {count}", nameof(destination));
        if (count == 0) return;
        if (rank == 0)
        {
            destination[0] = source.Span[0];
            return;
        }

        var maps = new int[rank][];
        var strides = new long[rank];
        long stride = 1;
        for (int d = rank - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= source.Shape[d];
            maps[d] = new int[shape[d]];
            for (int i = 0; i < shape[d]; i++)
            {
                int local = MapIndex(origin[d] + i, sampleShape[d]) - windowOrigin[d];
                if ((uint)local >= (uint)source.Shape[d])
                    throw new ArgumentException(
                        $"axis {d}: sample index {local + windowOrigin[d]} lies outside the window [{windowOrigin[d]}, {windowOrigin[d] + source.Shape[d]})", nameof(window));
                maps[d][i] = local;
            }
        }

        int rowLength = shape[rank - 1];
        int[] rowMap = maps[rank - 1];
        bool contiguous = origin[rank - 1] >= 0 && origin[rank - 1] + rowLength <= sampleShape[rank - 1];
        var src = source.Span;
        var index = new int[rank - 1];
        long rows = count / rowLength;
        for (long r = 0; r < rows; r++)
        {
            long rowStart = 0;
            for (int d = 0; d < rank - 1; d++) rowStart += maps[d][index[d]] * strides[d];
            var dst = destination.Slice((int)(r * rowLength), rowLength);
            if (contiguous)
            {
                src.Slice((int)(rowStart + rowMap[0]), rowLength).CopyTo(dst);
            }
            else
            {
                var row = src.Slice((int)rowStart, source.Shape[rank - 1]);
                for (int i = 0; i < rowLength; i++) dst[i] = row[rowMap[i]];
            }
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
    }
}
