using System.Buffers.Binary;
using System.Text;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>
/// Builds one little-endian image file directory (TIFF 6.0 §2, or BigTIFF's 64-bit layout) with its out-of-line values
/// placed right after it. Reused page after page: <see cref="Clear"/> keeps the buffers.
/// </summary>
internal sealed class IfdBuilder
{
    private readonly List<Entry> _entries = new(20);
    private byte[] _values = new byte[256];
    private int _valuesLength;
    private byte[] _output = new byte[1024];

    public IfdBuilder(bool bigTiff) => BigTiff = bigTiff;

    /// <summary>True for BigTIFF's 20-byte entries and 8-byte offsets.</summary>
    public bool BigTiff { get; }

    private int OffsetSize => BigTiff ? 8 : 4;

    /// <summary>Forgets the entries of the previous directory.</summary>
    public void Clear()
    {
        _entries.Clear();
        _valuesLength = 0;
    }

    /// <summary>Adds a SHORT value.</summary>
    public void AddShort(TiffTag tag, ushort value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(Add(tag, TiffFieldType.Short, 1, 2), value);

    /// <summary>Adds a LONG value.</summary>
    public void AddLong(TiffTag tag, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(Add(tag, TiffFieldType.Long, 1, 4), value);

    /// <summary>Adds a RATIONAL value.</summary>
    public void AddRational(TiffTag tag, TiffRational value)
    {
        var bytes = Add(tag, TiffFieldType.Rational, 1, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value.Numerator);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], value.Denominator);
    }

    /// <summary>Adds NUL-terminated ASCII text.</summary>
    public void AddAscii(TiffTag tag, string text)
    {
        int length = Encoding.ASCII.GetByteCount(text) + 1;
        var bytes = Add(tag, TiffFieldType.Ascii, length, length);
        Encoding.ASCII.GetBytes(text, bytes);
        bytes[^1] = 0;
    }

    /// <summary>Adds file offsets: LONG in classic TIFF (each must fit 32 bits), LONG8 in BigTIFF.</summary>
    public void AddOffsets(TiffTag tag, ReadOnlySpan<long> offsets)
    {
        if (BigTiff)
        {
            var bytes = Add(tag, TiffFieldType.Long8, offsets.Length, offsets.Length * 8);
            for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes[(i * 8)..], offsets[i]);
        }
        else
        {
            var bytes = Add(tag, TiffFieldType.Long, offsets.Length, offsets.Length * 4);
            for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i * 4)..], checked((uint)offsets[i]));
        }
    }

    /// <summary>Adds LONG values (byte counts).</summary>
    public void AddLongs(TiffTag tag, ReadOnlySpan<uint> values)
    {
        var bytes = Add(tag, TiffFieldType.Long, values.Length, values.Length * 4);
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i * 4)..], values[i]);
    }

    /// <summary>Size in bytes of the directory and its out-of-line values, always even.</summary>
    public int Size
    {
        get
        {
            int size = HeaderSize;
            foreach (var entry in _entries)
            {
                if (entry.Length > OffsetSize) size += (entry.Length + 1) & ~1;
            }
            return size;
        }
    }

    private int HeaderSize => BigTiff
        ? 8 + _entries.Count * 20 + 8
        : 2 + _entries.Count * 12 + 4;

    /// <summary>
    /// Serialises the directory as it will sit at file offset <paramref name="position"/> (even), pointing to the next
    /// directory at <paramref name="nextIfd"/> (0 for the last). The span is valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Build(long position, long nextIfd)
    {
        _entries.Sort(static (a, b) => a.Tag.CompareTo(b.Tag));
        int size = Size;
        if (_output.Length < size) _output = new byte[Math.Max(size, _output.Length * 2)];
        var output = _output.AsSpan(0, size);
        output.Clear();

        int cursor = 0;
        if (BigTiff) BinaryPrimitives.WriteUInt64LittleEndian(output, (ulong)_entries.Count);
        else BinaryPrimitives.WriteUInt16LittleEndian(output, checked((ushort)_entries.Count));
        cursor += BigTiff ? 8 : 2;

        int outOfLine = HeaderSize;
        foreach (var entry in _entries)
        {
            var slot = output.Slice(cursor, BigTiff ? 20 : 12);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)entry.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], (ushort)entry.Type);
            var valueField = BigTiff ? slot[12..] : slot[8..];
            if (BigTiff) BinaryPrimitives.WriteUInt64LittleEndian(slot[4..], (ulong)entry.Count);
            else BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], checked((uint)entry.Count));

            var value = _values.AsSpan(entry.Start, entry.Length);
            if (entry.Length <= OffsetSize)
            {
                value.CopyTo(valueField);
            }
            else
            {
                long valueOffset = position + outOfLine;
                if (BigTiff) BinaryPrimitives.WriteInt64LittleEndian(valueField, valueOffset);
                else BinaryPrimitives.WriteUInt32LittleEndian(valueField, checked((uint)valueOffset));
                value.CopyTo(output[outOfLine..]);
                outOfLine += (entry.Length + 1) & ~1;
            }
            cursor += slot.Length;
        }

        if (BigTiff) BinaryPrimitives.WriteInt64LittleEndian(output[cursor..], nextIfd);
        else BinaryPrimitives.WriteUInt32LittleEndian(output[cursor..], checked((uint)nextIfd));
        return output;
    }

    private Span<byte> Add(TiffTag tag, TiffFieldType type, long count, int length)
    {
        if (_valuesLength + length > _values.Length)
            Array.Resize(ref _values, Math.Max(_valuesLength + length, _values.Length * 2));
        _entries.Add(new Entry(tag, type, count, _valuesLength, length));
        var span = _values.AsSpan(_valuesLength, length);
        _valuesLength += length;
        return span;
    }

    private readonly record struct Entry(TiffTag Tag, TiffFieldType Type, long Count, int Start, int Length);
}
