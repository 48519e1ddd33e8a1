using System.Buffers;
using System.Buffers.Binary;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Ifd;

/// <summary>
/// Walks the IFD chain from the header's first offset (TIFF 6.0 §2; BigTIFF: 8-byte counts and offsets,
/// 20-byte entries). Detects loops, and bounds entry counts and the number of IFDs by the file length.
/// </summary>
internal static class DirectoryReader
{
    /// <summary>Upper bound on pages, far above real files, so that a corrupt chain cannot run away.</summary>
    public const int MaxDirectories = 10_000_000;

    /// <summary>Upper bound on entries in one IFD (classic TIFF cannot exceed 65535).</summary>
    public const int MaxEntries = 1 << 20;

    /// <summary>Reads every IFD of the main chain (SubIFDs are not followed).</summary>
    public static List<TiffDirectory> ReadChain(TiffSource source)
    {
        var directories = new List<TiffDirectory>();
        var seen = new HashSet<long>();
        long offset = source.FirstIfdOffset;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (offset != 0)
            {
                if (!seen.Add(offset)) TiffThrow.Corrupt(source.Path, $"IFD chain loops back to offset {offset}");
                if (directories.Count >= MaxDirectories) TiffThrow.Corrupt(source.Path, $"more than {MaxDirectories} IFDs");
                directories.Add(ReadOne(source, directories.Count, offset, ref buffer, out offset));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (directories.Count == 0) TiffThrow.Corrupt(source.Path, "the file has no IFD (no image)");
        return directories;
    }

    private static TiffDirectory ReadOne(TiffSource source, int index, long offset, ref byte[] buffer, out long next)
    {
        int countSize = source.BigTiff ? 8 : 2, entrySize = source.BigTiff ? 20 : 12, offsetSize = source.BigTiff ? 8 : 4;
        if (!source.Contains(offset, countSize))
            TiffThrow.Corrupt(source.Path, $"IFD {index} at offset {offset} lies past the end of the file ({source.Length} bytes)");
        Span<byte> head = stackalloc byte[8];
        source.Read(offset, head[..countSize]);
        ulong count = source.BigTiff ? source.UInt64(head) : source.UInt16(head);
        long room = source.Length - offset - countSize - offsetSize;
        if (room < 0 || count > (ulong)(room / entrySize) || count > MaxEntries)
            TiffThrow.Corrupt(source.Path, $"IFD {index} at offset {offset} claims {count} entries, more than the file can hold");
        int bytes = (int)count * entrySize + offsetSize;
        if (buffer.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
        var span = buffer.AsSpan(0, bytes);
        source.Read(offset + countSize, span);

        var entries = new List<TiffEntry>(Math.Min((int)count, 32));
        Span<byte> packed = stackalloc byte[8];
        for (int i = 0; i < (int)count; i++)
        {
            var e = span.Slice(i * entrySize, entrySize);
            ushort tag = source.UInt16(e);
            if (!IsUsed(tag) || Contains(entries, tag)) continue;
            var type = (TiffFieldType)source.UInt16(e[2..]);
            ulong valueCount = source.BigTiff ? source.UInt64(e[4..]) : source.UInt32(e[4..]);
            int size = TiffEntry.SizeOf(type);
            if (size == 0) continue;
            var field = e[(source.BigTiff ? 12 : 8)..];
            long fieldPosition = offset + countSize + i * entrySize + (source.BigTiff ? 12 : 8);
            bool inline = valueCount <= (ulong)(offsetSize / size);
            long valueOffset;
            ulong inlineBytes = 0;
            if (inline)
            {
                valueOffset = fieldPosition;
                packed.Clear();
                field[..offsetSize].CopyTo(packed);
                inlineBytes = BinaryPrimitives.ReadUInt64LittleEndian(packed);
            }
            else
            {
                ulong at = source.BigTiff ? source.UInt64(field) : source.UInt32(field);
                ulong total = valueCount * (ulong)size;
                if (valueCount > (ulong)source.Length || at > (ulong)source.Length || total > (ulong)source.Length - at)
                    TiffThrow.Corrupt(source.Path, $"IFD {index}: values of tag {tag} ({valueCount} x {size} bytes at offset {at}) lie past the end of the file");
                valueOffset = (long)at;
            }
            entries.Add(new TiffEntry(tag, type, valueCount, valueOffset, inlineBytes, inline));
        }
        var tail = span[((int)count * entrySize)..];
        ulong nextRaw = source.BigTiff ? source.UInt64(tail) : source.UInt32(tail);
        if (nextRaw >= (ulong)source.Length) TiffThrow.Corrupt(source.Path, $"IFD {index}: next IFD offset {nextRaw} lies past the end of the file");
        next = (long)nextRaw;
        return new TiffDirectory(index, offset, entries.ToArray());
    }

    private static bool Contains(List<TiffEntry> entries, ushort tag)
    {
        foreach (var e in entries)
        {
            if (e.Tag == tag) return true;
        }
        return false;
    }

    private static bool IsUsed(ushort tag) => tag switch
    {
        (ushort)TiffTag.NewSubfileType or (ushort)TiffTag.ImageWidth or (ushort)TiffTag.ImageLength
            or (ushort)TiffTag.BitsPerSample or (ushort)TiffTag.Compression or (ushort)TiffTag.PhotometricInterpretation
            or (ushort)TiffTag.ImageDescription or (ushort)TiffTag.StripOffsets or (ushort)TiffTag.SamplesPerPixel
            or (ushort)TiffTag.RowsPerStrip or (ushort)TiffTag.StripByteCounts or (ushort)TiffTag.XResolution
            or (ushort)TiffTag.YResolution or (ushort)TiffTag.PlanarConfiguration or (ushort)TiffTag.ResolutionUnit
            or (ushort)TiffTag.Predictor or (ushort)TiffTag.TileWidth or (ushort)TiffTag.TileLength
            or (ushort)TiffTag.TileOffsets or (ushort)TiffTag.TileByteCounts or (ushort)TiffTag.SampleFormat => true,
        _ => false,
    };
}
