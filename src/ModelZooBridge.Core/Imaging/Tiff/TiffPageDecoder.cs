using System.Buffers;
using System.Diagnostics;
using ModelZooBridge.Imaging.Tiff.Compression;
using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.Imaging.Tiff.Ifd;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// Decodes the chunks (strips or tiles) of one sample plane, or of all interleaved samples of a page, into a
/// little-endian y,x(,s) buffer: read, decompress, swap bytes, undo the predictor, crop edge tiles. Scratch
/// buffers come from <see cref="ArrayPool{T}"/> and are kept across calls until <see cref="Dispose"/>.
/// </summary>
internal sealed class TiffPageDecoder : IDisposable
{
    private readonly TiffSource _source;
    private readonly Dictionary<TiffCompression, TiffDecompressor> _decompressors = new();
    private byte[] _compressed = [];
    private byte[] _decoded = [];
    private byte[] _row = [];

    public TiffPageDecoder(TiffSource source) => _source = source;

    /// <summary>
    /// Decodes chunks <c>[firstChunk, firstChunk + page.ChunksPerPlane)</c>, each holding
    /// <see cref="TiffPage.SamplesPerChunk"/> interleaved samples, into <paramref name="target"/> laid out
    /// as rows of <c>Width * SamplesPerChunk</c> samples.
    /// </summary>
    public void Decode(TiffPage page, int firstChunk, Span<byte> target)
    {
        long[] offsets = page.Offsets(_source);
        long[] counts = page.ByteCounts(_source);
        for (int j = 0; j < page.ChunksPerPlane; j++) DecodeChunk(page, j, firstChunk + j, offsets, counts, target);
    }

    /// <summary>
    /// Rejects a page whose decoded size its stored bytes cannot produce, before a page-sized buffer is
    /// allocated for it (header values alone must never size an allocation).
    /// </summary>
    public void CheckStoredSize(TiffPage page)
    {
        long[] counts = page.ByteCounts(_source);
        long stored = 0;
        foreach (long count in counts) stored += Math.Min(count, _source.Length);
        long ratio = page.Compression == TiffCompression.None ? 1 : Decompressor(page.Compression).MaxExpansion;
        if (page.DataBytes / ratio > stored + 64L * counts.Length)
            TiffThrow.Corrupt(_source.Path, $"{page.Name}: {stored} stored bytes cannot hold the page's {page.DataBytes} bytes");
    }

    private void DecodeChunk(TiffPage page, int local, int chunk, long[] offsets, long[] counts, Span<byte> target)
    {
        int bps = page.BytesPerSample, spc = page.SamplesPerChunk;
        int pixelBytes = bps * spc;
        long targetRowBytes = (long)page.Width * pixelBytes;
        int x0, y0, rows, cols;
        if (page.Tiled)
        {
            int across = (page.Width + page.ChunkWidth - 1) / page.ChunkWidth;
            x0 = local % across * page.ChunkWidth;
            y0 = local / across * page.ChunkHeight;
            cols = Math.Min(page.ChunkWidth, page.Width - x0);
        }
        else
        {
            x0 = 0;
            y0 = local * page.ChunkHeight;
            cols = page.Width;
        }
        rows = Math.Min(page.ChunkHeight, page.Height - y0);
        int decodedRows = page.Tiled ? page.ChunkHeight : rows;
        int chunkRowBytes = page.ChunkWidth * pixelBytes;
        long expectedLong = (long)decodedRows * chunkRowBytes;
        Debug.Assert(expectedLong <= PageParser.MaxPageBytes, "PageParser bounds tiles and pages");
        int expected = (int)expectedLong;
        long offset = offsets[chunk] + page.DataShift, count = counts[chunk];
        string what = $"{page.Name}, {(page.Tiled ? "tile" : "strip")} {chunk}";

        if (count == 0)
        {
            for (int r = 0; r < rows; r++)
                target.Slice((int)((y0 + r) * targetRowBytes + (long)x0 * pixelBytes), cols * pixelBytes).Clear();
            return;
        }
        if (!_source.Contains(offset, count))
            TiffThrow.Corrupt(_source.Path, $"{what}: {count} bytes at offset {offset} lie past the end of the file ({_source.Length} bytes)");

        Span<byte> decoded;
        if (page.Compression == TiffCompression.None)
        {
            if (count < expected) TiffThrow.Corrupt(_source.Path, $"{what}: holds {count} bytes, expected {expected}");
            if (!page.Tiled && page.Predictor == TiffPredictor.None)
            {
                var direct = target.Slice((int)(y0 * targetRowBytes), expected);
                _source.Read(offset, direct);
                if (_source.BigEndian) TiffPredictorDecoder.SwapBytes(direct, bps);
                return;
            }
            decoded = Rent(ref _decoded, expected);
            _source.Read(offset, decoded);
        }
        else
        {
            var decompressor = Decompressor(page.Compression);
            if (expected / decompressor.MaxExpansion > count + 64)
                TiffThrow.Corrupt(_source.Path, $"{what}: {count} compressed bytes cannot hold {expected} decoded bytes");
            // No scheme expands data by more than half, so a longer byte count only adds bytes the decoder would not use.
            var compressed = Rent(ref _compressed, (int)Math.Min(count, expected * 2L + 1024));
            _source.Read(offset, compressed);
            decoded = Rent(ref _decoded, expected);
            int written;
            try
            {
                written = decompressor.Decompress(compressed, decoded);
            }
            catch (InvalidDataException e)
            {
                TiffThrow.Corrupt(_source.Path, $"{what}: {e.Message}", e);
                return;
            }
            if (written < expected) TiffThrow.Corrupt(_source.Path, $"{what}: decoded to {written} bytes, expected {expected}");
        }

        int samplesPerRow = page.ChunkWidth * spc;
        if (page.Predictor == TiffPredictor.FloatingPoint)
        {
            TiffPredictorDecoder.UndoFloatingPoint(decoded, decodedRows, samplesPerRow, spc, bps, Rent(ref _row, chunkRowBytes));
        }
        else
        {
            if (_source.BigEndian) TiffPredictorDecoder.SwapBytes(decoded, bps);
            if (page.Predictor == TiffPredictor.Horizontal)
                TiffPredictorDecoder.UndoHorizontal(decoded, decodedRows, samplesPerRow, spc, bps);
        }
        int copyBytes = cols * pixelBytes;
        for (int r = 0; r < rows; r++)
        {
            decoded.Slice(r * chunkRowBytes, copyBytes)
                .CopyTo(target[(int)((y0 + r) * targetRowBytes + (long)x0 * pixelBytes)..]);
        }
    }

    private TiffDecompressor Decompressor(TiffCompression compression)
    {
        if (!_decompressors.TryGetValue(compression, out var decompressor))
        {
            decompressor = TiffDecompressorFactory.Create(compression);
            _decompressors.Add(compression, decompressor);
        }
        return decompressor;
    }

    private static Span<byte> Rent(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }
        return buffer.AsSpan(0, length);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var buffer in new[] { _compressed, _decoded, _row })
        {
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        }
        _compressed = _decoded = _row = [];
    }
}
