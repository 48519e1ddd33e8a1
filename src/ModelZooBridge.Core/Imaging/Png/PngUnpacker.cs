using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ModelZooBridge.Imaging.Png;

/// <summary>
/// Scatters reconstructed scanlines into channel planes: unpacks 1/2/4-bit samples (kept as stored, 0..2^bits−1),
/// converts 16-bit samples from big- to little-endian and expands palette indices to RGB or RGBA.
/// </summary>
internal sealed class PngUnpacker
{
    private readonly PngHeader _header;
    private readonly byte[]? _palette;
    private readonly byte[]? _alpha;
    private readonly byte[] _planes;
    private readonly int _channels;
    private readonly long _planeLength;

    public PngUnpacker(PngHeader header, byte[]? palette, byte[]? alpha, byte[] planes, int channels)
    {
        _header = header;
        _palette = palette;
        _alpha = alpha;
        _planes = planes;
        _channels = channels;
        _planeLength = (long)header.Width * header.Height;
    }

    /// <summary>Writes the <paramref name="count"/> pixels of <paramref name="row"/> to image row <paramref name="y"/>, columns x0, x0+dx, ….</summary>
    /// <returns>False when a palette index is outside the palette; <paramref name="badIndex"/> is then that index.</returns>
    public bool Unpack(ReadOnlySpan<byte> row, int y, int x0, int dx, int count, out int badIndex)
    {
        badIndex = 0;
        long start = (long)y * _header.Width + x0;
        int bits = _header.BitDepth;
        if (bits == 16)
        {
            var planes = MemoryMarshal.Cast<byte, ushort>(_planes.AsSpan());
            int stored = _header.StoredChannels;
            for (int c = 0; c < stored; c++)
            {
                long d = c * _planeLength + start;
                for (int i = 0, s = c * 2; i < count; i++, s += stored * 2, d += dx)
                    planes[(int)d] = BinaryPrimitives.ReadUInt16BigEndian(row[s..]);
            }
            return true;
        }
        if (_header.ColorType == PngColorType.Palette) return UnpackPalette(row, start, dx, count, bits, out badIndex);
        if (bits == 8)
        {
            int stored = _header.StoredChannels;
            for (int c = 0; c < stored; c++)
            {
                long d = c * _planeLength + start;
                for (int i = 0, s = c; i < count; i++, s += stored, d += dx) _planes[d] = row[s];
            }
            return true;
        }
        int mask = (1 << bits) - 1;
        long dest = start;
        for (int i = 0, bit = 0; i < count; i++, bit += bits, dest += dx)
            _planes[dest] = (byte)((row[bit >> 3] >> (8 - bits - (bit & 7))) & mask);
        return true;
    }

    private bool UnpackPalette(ReadOnlySpan<byte> row, long start, int dx, int count, int bits, out int badIndex)
    {
        var palette = _palette!;
        int entries = palette.Length / 3;
        int mask = (1 << bits) - 1;
        long d = start;
        for (int i = 0, bit = 0; i < count; i++, bit += bits, d += dx)
        {
            int index = bits == 8 ? row[i] : (row[bit >> 3] >> (8 - bits - (bit & 7))) & mask;
            if (index >= entries)
            {
                badIndex = index;
                return false;
            }
            _planes[d] = palette[index * 3];
            _planes[d + _planeLength] = palette[index * 3 + 1];
            _planes[d + 2 * _planeLength] = palette[index * 3 + 2];
            if (_channels == 4) _planes[d + 3 * _planeLength] = _alpha![index];
        }
        badIndex = 0;
        return true;
    }
}
