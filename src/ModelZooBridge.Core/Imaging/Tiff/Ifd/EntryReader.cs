using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Ifd;

/// <summary>Decodes the values of an IFD entry, converting the file's byte order and checking types and counts.</summary>
internal static class EntryReader
{
    /// <summary>Largest ImageDescription read, far above real OME-XML headers.</summary>
    public const int MaxTextBytes = 64 << 20;

    /// <summary>The integer value at <paramref name="index"/> of an integer-typed entry.</summary>
    public static ulong ReadInteger(TiffSource source, TiffEntry entry, ulong index = 0)
    {
        if (!entry.IsInteger) TiffThrow.Corrupt(source.Path, $"{entry.Name} has type {(ushort)entry.Type}, expected an integer type");
        if (index >= entry.Count) TiffThrow.Corrupt(source.Path, $"{entry.Name} has {entry.Count} values, expected at least {index + 1}");
        int size = TiffEntry.SizeOf(entry.Type);
        Span<byte> bytes = stackalloc byte[8];
        ValueBytes(source, entry, index, bytes[..size]);
        return Decode(source, entry.Type, bytes[..size]);
    }

    /// <summary>A rational or floating-point value (integers are accepted too).</summary>
    public static double ReadReal(TiffSource source, TiffEntry entry)
    {
        if (entry.Count == 0) TiffThrow.Corrupt(source.Path, $"{entry.Name} has no value");
        int size = TiffEntry.SizeOf(entry.Type);
        Span<byte> bytes = stackalloc byte[8];
        ValueBytes(source, entry, 0, bytes[..size]);
        switch (entry.Type)
        {
            case TiffFieldType.Rational:
                {
                    uint num = source.UInt32(bytes), den = source.UInt32(bytes[4..]);
                    return den == 0 ? double.NaN : (double)num / den;
                }
            case TiffFieldType.SRational:
                {
                    int num = (int)source.UInt32(bytes), den = (int)source.UInt32(bytes[4..]);
                    return den == 0 ? double.NaN : (double)num / den;
                }
            case TiffFieldType.Float:
                return BitConverter.Int32BitsToSingle((int)source.UInt32(bytes));
            case TiffFieldType.Double:
                return BitConverter.Int64BitsToDouble((long)source.UInt64(bytes));
            default:
                return entry.IsInteger ? Decode(source, entry.Type, bytes[..size]) : double.NaN;
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> values of an integer entry as offsets or byte counts. The entry's
    /// location was checked against the file length when the IFD was parsed, so the array is bounded by it.
    /// </summary>
    public static long[] ReadIntegers(TiffSource source, TiffEntry entry, int count)
    {
        if (!entry.IsInteger) TiffThrow.Corrupt(source.Path, $"{entry.Name} has type {(ushort)entry.Type}, expected an integer type");
        if (entry.Count < (ulong)count) TiffThrow.Corrupt(source.Path, $"{entry.Name} has {entry.Count} values, expected {count}");
        int size = TiffEntry.SizeOf(entry.Type);
        var result = new long[count];
        if (entry.IsInline)
        {
            for (int i = 0; i < count; i++) result[i] = Clamp(ReadInteger(source, entry, (ulong)i));
            return result;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)count * size, 1 << 16));
        try
        {
            int perRead = buffer.Length / size;
            for (int start = 0; start < count; start += perRead)
            {
                int n = Math.Min(perRead, count - start);
                var span = buffer.AsSpan(0, n * size);
                source.Read(entry.ValueOffset + (long)start * size, span);
                for (int i = 0; i < n; i++) result[start + i] = Clamp(Decode(source, entry.Type, span.Slice(i * size, size)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return result;
    }

    /// <summary>An ASCII (or UTF-8, as OME-XML is) string without its trailing NULs.</summary>
    public static string ReadText(TiffSource source, TiffEntry entry)
    {
        if (entry.Type is not (TiffFieldType.Ascii or TiffFieldType.Byte or TiffFieldType.Undefined))
            TiffThrow.Corrupt(source.Path, $"{entry.Name} has type {(ushort)entry.Type}, expected ASCII");
        if (entry.Count > MaxTextBytes) TiffThrow.Corrupt(source.Path, $"{entry.Name} is {entry.Count} bytes long, more than {MaxTextBytes}");
        var bytes = new byte[(int)entry.Count];
        ValueBytes(source, entry, 0, bytes);
        int end = bytes.AsSpan().IndexOf((byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }

    private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    private static void ValueBytes(TiffSource source, TiffEntry entry, ulong index, Span<byte> destination)
    {
        int size = TiffEntry.SizeOf(entry.Type);
        if (entry.IsInline)
        {
            Span<byte> packed = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(packed, entry.InlineBytes);
            packed.Slice((int)index * size, destination.Length).CopyTo(destination);
        }
        else
        {
            source.Read(entry.ValueOffset + (long)index * size, destination);
        }
    }

    private static ulong Decode(TiffSource source, TiffFieldType type, ReadOnlySpan<byte> b) => type switch
    {
        TiffFieldType.Byte or TiffFieldType.Undefined => b[0],
        TiffFieldType.SByte => (ulong)(long)(sbyte)b[0],
        TiffFieldType.Short => source.UInt16(b),
        TiffFieldType.SShort => (ulong)(long)(short)source.UInt16(b),
        TiffFieldType.Long or TiffFieldType.Ifd => source.UInt32(b),
        TiffFieldType.SLong => (ulong)(long)(int)source.UInt32(b),
        _ => source.UInt64(b),
    };
}
