using System.IO.Compression;

namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>
/// Compresses the strips of one page as zlib streams (TIFF compression 8, Adobe Deflate; no predictor), in parallel
/// across strips. The per-strip output buffers are kept and reused for every page.
/// </summary>
internal sealed class DeflateStripCompressor
{
    private readonly TiffStripLayout _layout;
    private readonly CompressionLevel _level;
    private readonly MemoryStream[] _strips;

    public DeflateStripCompressor(TiffStripLayout layout, CompressionLevel level)
    {
        _layout = layout;
        _level = level;
        _strips = new MemoryStream[layout.StripsPerPage];
        for (int i = 0; i < _strips.Length; i++) _strips[i] = new MemoryStream();
    }

    /// <summary>Compresses every strip of <paramref name="plane"/>; read the results with <see cref="Strip"/>.</summary>
    public unsafe void Compress(ReadOnlySpan<byte> plane)
    {
        if (_strips.Length == 1)
        {
            CompressStrip(plane, 0);
            return;
        }
        fixed (byte* start = plane)
        {
            nint address = (nint)start;
            int length = plane.Length;
            Parallel.For(0, _strips.Length, strip => CompressStrip(new ReadOnlySpan<byte>((void*)address, length), strip));
        }
    }

    /// <summary>The compressed bytes of strip <paramref name="strip"/> of the last page.</summary>
    public ReadOnlySpan<byte> Strip(int strip) => _strips[strip].GetBuffer().AsSpan(0, (int)_strips[strip].Length);

    private void CompressStrip(ReadOnlySpan<byte> plane, int strip)
    {
        var output = _strips[strip];
        output.SetLength(0);
        using (var zlib = new ZLibStream(output, _level, leaveOpen: true))
            zlib.Write(plane.Slice(_layout.StripStart(strip), _layout.StripBytes(strip)));
    }
}
