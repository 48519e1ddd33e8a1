namespace ModelZooBridge.Imaging.Tiff.Compression;

/// <summary>
/// PackBits (compression 32773, TIFF 6.0 §9): a header byte n in 0..127 copies n+1 literal bytes,
/// -127..-1 repeats the next byte 1-n times, -128 is a no-op.
/// </summary>
internal sealed class PackBitsTiffDecompressor : TiffDecompressor
{
    /// <inheritdoc/>
    public override long MaxExpansion => 64;

    /// <inheritdoc/>
    public override int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int src = 0, dst = 0;
        while (src < source.Length && dst < destination.Length)
        {
            int n = (sbyte)source[src++];
            if (n >= 0)
            {
                int count = Math.Min(n + 1, Math.Min(source.Length - src, destination.Length - dst));
                source.Slice(src, count).CopyTo(destination[dst..]);
                src += count;
                dst += count;
            }
            else if (n != -128)
            {
                if (src >= source.Length) break;
                int count = Math.Min(1 - n, destination.Length - dst);
                destination.Slice(dst, count).Fill(source[src++]);
                dst += count;
            }
        }
        return dst;
    }
}
