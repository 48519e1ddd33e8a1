using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ModelZooBridge.Arrays;

/// <summary>Converts element buffers between dtypes; the dtype switch runs once per buffer, the loop is vectorised by TensorPrimitives.</summary>
internal static class ElementConversion
{
    public static void Convert(DType from, ReadOnlySpan<byte> source, DType to, Span<byte> destination)
    {
        // bool is stored as one byte 0/1, so it converts from uint8; converting to bool is "non-zero".
        if (to == DType.Bool)
        {
            ToBool(from, source, destination);
            return;
        }
        switch (from == DType.Bool ? DType.UInt8 : from)
        {
            case DType.UInt8: From<byte>(source, to, destination); break;
            case DType.Int8: From<sbyte>(source, to, destination); break;
            case DType.UInt16: From<ushort>(source, to, destination); break;
            case DType.Int16: From<short>(source, to, destination); break;
            case DType.UInt32: From<uint>(source, to, destination); break;
            case DType.Int32: From<int>(source, to, destination); break;
            case DType.Int64: From<long>(source, to, destination); break;
            case DType.Float32: From<float>(source, to, destination); break;
            case DType.Float64: From<double>(source, to, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(from), from, "unknown dtype");
        }
    }

    private static void From<TFrom>(ReadOnlySpan<byte> sourceBytes, DType to, Span<byte> destination)
        where TFrom : unmanaged, INumber<TFrom>
    {
        var source = MemoryMarshal.Cast<byte, TFrom>(sourceBytes);
        switch (to)
        {
            case DType.UInt8: Saturate(source, MemoryMarshal.Cast<byte, byte>(destination)); break;
            case DType.Int8: Saturate(source, MemoryMarshal.Cast<byte, sbyte>(destination)); break;
            case DType.UInt16: Saturate(source, MemoryMarshal.Cast<byte, ushort>(destination)); break;
            case DType.Int16: Saturate(source, MemoryMarshal.Cast<byte, short>(destination)); break;
            case DType.UInt32: Saturate(source, MemoryMarshal.Cast<byte, uint>(destination)); break;
            case DType.Int32: Saturate(source, MemoryMarshal.Cast<byte, int>(destination)); break;
            case DType.Int64: Saturate(source, MemoryMarshal.Cast<byte, long>(destination)); break;
            case DType.Float32: Saturate(source, MemoryMarshal.Cast<byte, float>(destination)); break;
            case DType.Float64: Saturate(source, MemoryMarshal.Cast<byte, double>(destination)); break;
            default: throw new ArgumentOutOfRangeException(nameof(to), to, "unknown dtype");
        }
    }

    private static void Saturate<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        if (destination.Length != source.Length)
            throw new ArgumentException($"destination holds {destination.Length} elements, source {source.Length}");
        TensorPrimitives.ConvertSaturating(source, destination);
    }

    private static void ToBool(DType from, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int size = from.SizeOf();
        for (int i = 0, j = 0; i < destination.Length; i++, j += size)
        {
            var element = source.Slice(j, size);
            bool nonZero = from switch
            {
                DType.Float32 => MemoryMarshal.Read<float>(element) != 0f,
                DType.Float64 => MemoryMarshal.Read<double>(element) != 0d,
                _ => element.IndexOfAnyExcept((byte)0) >= 0,
            };
            destination[i] = nonZero ? (byte)1 : (byte)0;
        }
    }
}
