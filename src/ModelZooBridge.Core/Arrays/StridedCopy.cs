using System.Runtime.InteropServices;

namespace ModelZooBridge.Arrays;

/// <summary>Copies of C-ordered data under an axis permutation or reversal; one strided loop, rows with unit step copied whole.</summary>
public static class StridedCopy
{
    /// <summary>
    /// Writes <paramref name="source"/> (C order, <paramref name="shape"/>) to <paramref name="destination"/> so that
    /// destination dimension i is source dimension <paramref name="permutation"/>[i].
    /// </summary>
    public static void Permute(ReadOnlySpan<byte> source, ReadOnlySpan<int> shape, ReadOnlySpan<int> permutation, int elementSize, Span<byte> destination)
    {
        switch (elementSize)
        {
            case 1: Permute<byte>(source, shape, permutation, destination); break;
            case 2: Permute<ushort>(source, shape, permutation, destination); break;
            case 4: Permute<uint>(source, shape, permutation, destination); break;
            case 8: Permute<ulong>(source, shape, permutation, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(elementSize), elementSize, "element size must be 1, 2, 4 or 8");
        }
    }

    private static void Permute<T>(ReadOnlySpan<byte> sourceBytes, ReadOnlySpan<int> shape, ReadOnlySpan<int> permutation, Span<byte> destinationBytes)
        where T : unmanaged
    {
        var source = MemoryMarshal.Cast<byte, T>(sourceBytes);
        var destination = MemoryMarshal.Cast<byte, T>(destinationBytes);
        int rank = shape.Length;
        if (rank == 0 || source.Length == 0)
        {
            source.CopyTo(destination);
            return;
        }

        Span<long> sourceStrides = stackalloc long[rank];
        ContiguousStrides(shape, sourceStrides);
        Span<int> outShape = stackalloc int[rank];
        Span<long> outStrides = stackalloc long[rank];
        for (int i = 0; i < rank; i++)
        {
            outShape[i] = shape[permutation[i]];
            outStrides[i] = sourceStrides[permutation[i]];
        }
        Gather<T>(source, outShape, outStrides, 0, destination);
    }

    /// <summary>Elements between neighbours along each axis of C-ordered data of <paramref name="shape"/>.</summary>
    public static void ContiguousStrides(ReadOnlySpan<int> shape, Span<long> strides)
    {
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
    }

    /// <summary>
    /// Writes <c>destination[j] = source[start + Σ j_d·steps[d]]</c> for every index <c>j</c> of <paramref name="shape"/>
    /// in C order. Steps may be negative (a reversed axis, with <paramref name="start"/> at its far end) or permuted.
    /// </summary>
    /// <param name="source">The data read.</param>
    /// <param name="shape">The destination's shape.</param>
    /// <param name="steps">Source elements between neighbours along each destination axis.</param>
    /// <param name="start">Source index of the destination's first element.</param>
    /// <param name="destination">Receives the product of <paramref name="shape"/> elements.</param>
    public static void Gather<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> shape, ReadOnlySpan<long> steps, long start, Span<T> destination)
        where T : unmanaged
    {
        int rank = shape.Length;
        if (rank == 0 || destination.Length == 0)
        {
            if (destination.Length > 0) destination[0] = source[(int)start];
            return;
        }
        int inner = shape[rank - 1];
        long innerStride = steps[rank - 1];
        Span<int> counter = stackalloc int[rank];
        long sourceOffset = start;
        int written = 0;
        while (written < destination.Length)
        {
            var row = destination.Slice(written, inner);
            if (innerStride == 1)
            {
                source.Slice((int)sourceOffset, inner).CopyTo(row);
            }
            else
            {
                long s = sourceOffset;
                for (int k = 0; k < row.Length; k++, s += innerStride) row[k] = source[(int)s];
            }
            written += inner;
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                sourceOffset += steps[axis];
                if (++counter[axis] < shape[axis]) break;
                sourceOffset -= steps[axis] * shape[axis];
                counter[axis] = 0;
            }
        }
    }
}
