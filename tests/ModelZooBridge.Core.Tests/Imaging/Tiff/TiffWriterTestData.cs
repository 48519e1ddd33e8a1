using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>Deterministic arrays for the writer tests: every element depends on its index, spanning each dtype's range.</summary>
internal static class TiffWriterTestData
{
    public static NdArray Pattern(DType dtype, string axes, params int[] shape)
    {
        var array = NdArray.Create(dtype, shape, AxisId.ParseAll(axes));
        long n = array.Length;
        switch (dtype)
        {
            case DType.Bool: Fill(array.As<bool>().Span, i => i % 3 == 1); break;
            case DType.UInt8: Fill(array.As<byte>().Span, i => (byte)(i * 7 + 3)); break;
            case DType.Int8: Fill(array.As<sbyte>().Span, i => (sbyte)(i * 7 - 128)); break;
            case DType.UInt16: Fill(array.As<ushort>().Span, i => (ushort)(i * 257 + 11)); break;
            case DType.Int16: Fill(array.As<short>().Span, i => (short)(i * 263 - 32768)); break;
            case DType.UInt32: Fill(array.As<uint>().Span, i => (uint)(i * 2654435761L)); break;
            case DType.Int32: Fill(array.As<int>().Span, i => (int)(i * 2654435761L)); break;
            case DType.Int64: Fill(array.As<long>().Span, i => i * -6364136223846793005L); break;
            case DType.Float32: Fill(array.As<float>().Span, i => (float)((i - n / 2) * 0.37 + 1e-3 * (i % 13))); break;
            case DType.Float64: Fill(array.As<double>().Span, i => Math.Sin(i) * 1e12 + i * 1e-9); break;
        }
        return array;
    }

    public static string Sha256(NdArray array) => Convert.ToHexStringLower(SHA256.HashData(array.Bytes));

    private static void Fill<T>(Span<T> span, Func<long, T> value)
    {
        for (int i = 0; i < span.Length; i++) span[i] = value(i);
    }

    /// <summary>The value ImageJ shows at (c, z, t, x, y) of an array with axes drawn from t,z,c,y,x, as a double.</summary>
    public static double ValueAt(NdArray array, int c, int z, int t, int x, int y)
    {
        long index = 0;
        for (int d = 0; d < array.Rank; d++)
        {
            int i = array.Axes[d].Value switch { "t" => t, "z" => z, "c" => c, "y" => y, "x" => x, _ => 0 };
            index = index * array.Shape[d] + i;
        }
        return array.DType switch
        {
            DType.UInt8 => array.As<byte>().Span[(int)index],
            DType.UInt16 => array.As<ushort>().Span[(int)index],
            DType.Int16 => array.As<short>().Span[(int)index],
            DType.Float32 => array.As<float>().Span[(int)index],
            DType.Bool => array.As<bool>().Span[(int)index] ? 1 : 0,
            _ => throw new NotSupportedException(array.DType.Name()),
        };
    }

    /// <summary>Sum of the values ImageJ holds in memory (signed 16-bit is shifted by 32768 there).</summary>
    public static double ImageJRawSum(NdArray array)
    {
        double sum = 0;
        switch (array.DType)
        {
            case DType.UInt8: foreach (var v in array.As<byte>().Span) sum += v; break;
            case DType.UInt16: foreach (var v in array.As<ushort>().Span) sum += v; break;
            case DType.Int16: foreach (var v in array.As<short>().Span) sum += v + 32768; break;
            case DType.Float32: foreach (var v in array.As<float>().Span) sum += v; break;
            case DType.Bool: foreach (var v in MemoryMarshal.AsBytes(array.As<bool>().Span)) sum += v; break;
            default: throw new NotSupportedException(array.DType.Name());
        }
        return sum;
    }
}
