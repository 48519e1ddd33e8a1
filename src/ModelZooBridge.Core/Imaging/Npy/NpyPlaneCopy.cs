using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// Copies one plane of npy data (C or Fortran order, either byte order) into a C-ordered little-endian buffer.
/// The data is addressed by pointer because a mapped file may exceed what one span can address.
/// </summary>
internal static unsafe class NpyPlaneCopy
{
    /// <summary>Copies plane <paramref name="index"/> of the array described by <paramref name="header"/>, whose data starts at <paramref name="data"/>.</summary>
    public static void Copy(byte* data, NpyHeader header, ImageInfo info, long index, Span<byte> destination)
    {
        int rank = header.Shape.Length;
        if (!header.FortranOrder || rank < 2)
        {
            new ReadOnlySpan<byte>(data + index * info.PlaneBytes, destination.Length).CopyTo(destination);
        }
        else
        {
            switch (header.DType.SizeOf())
            {
                case 1: Gather<byte>(data, header.Shape, index, destination); break;
                case 2: Gather<ushort>(data, header.Shape, index, destination); break;
                case 4: Gather<uint>(data, header.Shape, index, destination); break;
                default: Gather<ulong>(data, header.Shape, index, destination); break;
            }
        }
        if (header.BigEndian) SwapBytes(header.DType.SizeOf(), destination);
        if (header.DType == DType.Bool) NormaliseBool(destination);
    }

    private static void Gather<T>(byte* data, int[] shape, long index, Span<byte> destinationBytes) where T : unmanaged
    {
        var destination = MemoryMarshal.Cast<byte, T>(destinationBytes);
        var source = (T*)data;
        int rank = shape.Length;
        // Fortran strides: the first index varies fastest.
        long stride = 1, offset = 0, remaining = index;
        Span<long> strides = stackalloc long[rank];
        for (int i = 0; i < rank; i++)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        // The plane index numbers the leading dimensions in C order: the last leading dimension varies fastest.
        for (int i = rank - 3; i >= 0; i--)
        {
            offset += remaining % shape[i] * strides[i];
            remaining /= shape[i];
        }
        int height = shape[rank - 2], width = shape[rank - 1];
        long strideY = strides[rank - 2], strideX = strides[rank - 1];
        for (int x = 0; x < width; x++)
        {
            T* column = source + offset + x * strideX;
            for (int y = 0, d = x; y < height; y++, d += width) destination[d] = column[y * strideY];
        }
    }

    private static void SwapBytes(int elementSize, Span<byte> bytes)
    {
        switch (elementSize)
        {
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
        }
    }

    private static void NormaliseBool(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] > 1) bytes[i] = 1;
        }
    }
}
