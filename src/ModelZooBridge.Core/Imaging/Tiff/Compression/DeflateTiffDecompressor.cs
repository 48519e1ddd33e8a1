using System.IO.Compression;

namespace ModelZooBridge.Imaging.Tiff.Compression;

/// <summary>Deflate in a zlib wrapper (compression 8 and the older 32946; RFC 1950/1951), through <see cref="ZLibStream"/>.</summary>
internal sealed class DeflateTiffDecompressor : TiffDecompressor
{
    /// <inheritdoc/>
    public override long MaxExpansion => 1100;

    /// <inheritdoc/>
    public override unsafe int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty) return 0;
        fixed (byte* pointer = source)
        {
            using var input = new UnmanagedMemoryStream(pointer, source.Length);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            int total = 0;
            while (total < destination.Length)
            {
                int n = zlib.Read(destination[total..]);
                if (n == 0) break;
                total += n;
            }
            return total;
        }
    }
}
