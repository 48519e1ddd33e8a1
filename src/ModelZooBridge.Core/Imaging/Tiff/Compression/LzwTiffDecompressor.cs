namespace ModelZooBridge.Imaging.Tiff.Compression;

/// <summary>
/// TIFF LZW (compression 5, TIFF 6.0 §13): MSB-first codes of 9 to 12 bits, ClearCode 256, EndOfInformation
/// 257, and the code width growing one code early (after entry 510, 1022 and 2046). Every table string is a
/// run of bytes already written to the output, so the table is just (start, length) pairs into the
/// destination: no per-code allocation. Old-style (LSB-first, libtiff "compat") streams are rejected.
/// </summary>
internal sealed class LzwTiffDecompressor : TiffDecompressor
{
    private const int ClearCode = 256;
    private const int EndOfInformation = 257;
    private const int FirstFree = 258;
    private const int TableSize = 4096;

    private readonly int[] _start = new int[TableSize];
    private readonly int[] _length = new int[TableSize];

    /// <inheritdoc/>
    public override long MaxExpansion => 4096;

    /// <inheritdoc/>
    public override int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length >= 2 && source[0] == 0 && (source[1] & 1) != 0)
            throw new InvalidDataException("old-style (LSB-first) LZW is not supported");

        ulong bitBuffer = 0;
        int bitCount = 0, position = 0, width = 9, next = FirstFree;
        int previousStart = -1, previousLength = 0;
        int written = 0;

        while (written < destination.Length)
        {
            while (bitCount <= 56 && position < source.Length)
            {
                bitBuffer |= (ulong)source[position++] << (56 - bitCount);
                bitCount += 8;
            }
            if (bitCount < width) break;
            int code = (int)(bitBuffer >> (64 - width));
            bitBuffer <<= width;
            bitCount -= width;

            if (code == ClearCode)
            {
                width = 9;
                next = FirstFree;
                previousStart = -1;
                continue;
            }
            if (code == EndOfInformation) break;

            int start = written, length;
            if (code < ClearCode)
            {
                destination[written++] = (byte)code;
                length = 1;
            }
            else if (code < next)
            {
                length = _length[code];
                written = CopyWithin(destination, _start[code], length, written);
            }
            else if (code == next && previousStart >= 0)
            {
                length = previousLength + 1;
                written = CopyWithin(destination, previousStart, previousLength, written);
                if (written < destination.Length) destination[written++] = destination[previousStart];
            }
            else
            {
                throw new InvalidDataException($"LZW code {code} is not in the table (next free code {next})");
            }

            if (previousStart >= 0 && next < TableSize)
            {
                _start[next] = previousStart;
                _length[next] = previousLength + 1;
                next++;
                if (next >= (1 << width) - 1 && width < 12) width++;
            }
            previousStart = start;
            previousLength = length;
        }
        return written;
    }

    /// <summary>Appends <paramref name="length"/> earlier output bytes from <paramref name="from"/> (never overlapping the target), clipped to the buffer.</summary>
    private static int CopyWithin(Span<byte> output, int from, int length, int written)
    {
        int count = Math.Min(length, output.Length - written);
        if (count <= 8)
        {
            for (int i = 0; i < count; i++) output[written + i] = output[from + i];
        }
        else
        {
            output.Slice(from, count).CopyTo(output[written..]);
        }
        return written + count;
    }
}
