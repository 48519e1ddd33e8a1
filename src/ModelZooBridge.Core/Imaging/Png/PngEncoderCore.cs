using System.Buffers.Binary;
using System.IO.Compression;

namespace ModelZooBridge.Imaging.Png;

/// <summary>
/// Encodes channel planes (C order over c, y, x; uint8 or little-endian uint16) as a non-interlaced PNG. Each row gets the
/// filter whose output has the smallest sum of absolute values (the heuristic of PNG specification 12.8).
/// </summary>
internal static class PngEncoderCore
{
    private const int MaxIdatLength = 1 << 20;
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    public static void Encode(Stream output, ReadOnlySpan<byte> planes, int channels, int height, int width, int bitDepth)
    {
        var colorType = channels switch
        {
            1 => PngColorType.Gray,
            3 => PngColorType.Rgb,
            4 => PngColorType.Rgba,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "1, 3 or 4 channels"),
        };
        output.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        WriteChunk(output, "IHDR"u8, ihdr);

        int sampleBytes = bitDepth / 8;
        int bpp = channels * sampleBytes;
        int rowBytes = checked(width * bpp);
        long planeLength = (long)width * height;
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            var previous = new byte[rowBytes];
            var candidate = new byte[1 + rowBytes];
            var best = new byte[1 + rowBytes];
            for (int y = 0; y < height; y++)
            {
                Interleave(planes, channels, sampleBytes, planeLength, (long)y * width, width, row);
                long bestScore = long.MaxValue;
                for (byte filter = 0; filter <= PngFilter.Paeth; filter++)
                {
                    candidate[0] = filter;
                    PngFilter.Apply(filter, row, previous, bpp, candidate.AsSpan(1));
                    long score = 0;
                    foreach (byte b in candidate.AsSpan(1)) score += b < 128 ? b : 256 - b;
                    if (score < bestScore)
                    {
                        bestScore = score;
                        (best, candidate) = (candidate, best);
                    }
                }
                zlib.Write(best);
                (row, previous) = (previous, row);
            }
        }
        var data = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        for (int start = 0; start < data.Length; start += MaxIdatLength)
            WriteChunk(output, "IDAT"u8, data.Slice(start, Math.Min(MaxIdatLength, data.Length - start)));
        WriteChunk(output, "IEND"u8, []);
    }

    private static void Interleave(ReadOnlySpan<byte> planes, int channels, int sampleBytes, long planeLength, long start, int width, Span<byte> row)
    {
        for (int c = 0; c < channels; c++)
        {
            var source = planes.Slice((int)((c * planeLength + start) * sampleBytes), width * sampleBytes);
            if (sampleBytes == 1)
            {
                for (int x = 0, d = c; x < width; x++, d += channels) row[d] = source[x];
            }
            else
            {
                // PNG stores 16-bit samples big-endian.
                for (int x = 0, d = c * 2; x < width; x++, d += channels * 2)
                {
                    row[d] = source[2 * x + 1];
                    row[d + 1] = source[2 * x];
                }
            }
        }
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngCrc32.Update(PngCrc32.Update(0, type), data));
        output.Write(word);
    }
}
