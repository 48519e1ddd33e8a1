using System.Buffers.Binary;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>
/// Builds minimal little-endian classic TIFF files byte by byte for error tests: header, pixel bytes at
/// offset 8, then one IFD of SHORT/LONG entries with inline values.
/// </summary>
public static class TinyTiff
{
    /// <summary>Offset of the pixel data.</summary>
    public const int DataOffset = 8;

    /// <summary>A tag with one inline value; <paramref name="type"/> 3 is SHORT, 4 LONG.</summary>
    public readonly record struct Entry(ushort Tag, ushort Type, uint Count, uint Value);

    /// <summary>The entries of an 8-bit grey <paramref name="width"/>x<paramref name="height"/> image in one uncompressed strip.</summary>
    public static List<Entry> Grey8(int width, int height) =>
    [
        new(256, 3, 1, (uint)width),
        new(257, 3, 1, (uint)height),
        new(258, 3, 1, 8),
        new(259, 3, 1, 1),
        new(262, 3, 1, 1),
        new(273, 4, 1, DataOffset),
        new(277, 3, 1, 1),
        new(278, 3, 1, (uint)height),
        new(279, 4, 1, (uint)(width * height)),
    ];

    /// <summary>Replaces (or adds) the entry for <paramref name="tag"/>.</summary>
    public static List<Entry> With(this List<Entry> entries, ushort tag, ushort type, uint count, uint value)
    {
        var list = entries.Where(e => e.Tag != tag).ToList();
        list.Add(new Entry(tag, type, count, value));
        list.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        return list;
    }

    /// <summary>
    /// The file bytes; <paramref name="nextIfd"/> overrides the next-IFD offset (0 ends the chain, -1 points at
    /// the IFD itself), and <paramref name="trailer"/> is appended after the IFD.
    /// </summary>
    public static byte[] Build(List<Entry> entries, byte[] data, long nextIfd = 0, byte[]? trailer = null)
    {
        int ifd = DataOffset + data.Length + (data.Length & 1);
        var bytes = new byte[ifd + 2 + entries.Count * 12 + 4 + (trailer?.Length ?? 0)];
        trailer?.CopyTo(bytes, bytes.Length - trailer.Length);
        "II"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)ifd);
        data.CopyTo(bytes, DataOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(ifd), (ushort)entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var span = bytes.AsSpan(ifd + 2 + i * 12, 12);
            var e = entries[i];
            BinaryPrimitives.WriteUInt16LittleEndian(span, e.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], e.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], e.Count);
            if (e.Type == 3 && e.Count == 1) BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)e.Value);
            else BinaryPrimitives.WriteUInt32LittleEndian(span[8..], e.Value);
        }
        uint next = nextIfd < 0 ? (uint)ifd : (uint)nextIfd;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ifd + 2 + entries.Count * 12), next);
        return bytes;
    }
}
