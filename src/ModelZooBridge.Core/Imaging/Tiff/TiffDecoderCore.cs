using System.Buffers;
using System.Runtime.InteropServices;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Ifd;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// The per-file state behind <see cref="TiffReader"/>: the open file, the parsed IFD chain, the plane layout,
/// the page decoder and a one-page cache for pixel-interleaved pages (so reading their channels one by one
/// decodes the page once).
/// </summary>
internal sealed class TiffDecoderCore : IDisposable
{
    private readonly TiffSource _source;
    private readonly TiffLayout _layout;
    private readonly TiffPageDecoder _decoder;
    private byte[] _pageCache = [];
    private TiffPage? _cachedPage;

    private TiffDecoderCore(TiffSource source, TiffLayout layout)
    {
        _source = source;
        _layout = layout;
        _decoder = new TiffPageDecoder(source);
        var first = layout.Pages[0];
        Info = new ImageInfo(
            first.DType,
            [.. layout.OuterShape, first.Height, first.Width],
            [.. layout.OuterAxes, AxisId.Y, AxisId.X],
            layout.Calibration);
    }

    /// <summary>What the file holds.</summary>
    public ImageInfo Info { get; }

    /// <summary>Opens <paramref name="path"/> and parses the header and the IFD chain, but no pixel data.</summary>
    public static TiffDecoderCore Open(string path)
    {
        var source = TiffSource.Open(path);
        try
        {
            var directories = DirectoryReader.ReadChain(source);
            return new TiffDecoderCore(source, TiffLayoutBuilder.Build(source, directories));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Decodes plane <paramref name="index"/>; arguments were checked by the caller.</summary>
    public void ReadPlane(long index, Span<byte> destination)
    {
        var (page, sample) = _layout.Locate(index);
        if (page.SamplesPerPixel == 1)
        {
            _decoder.Decode(page, 0, destination);
        }
        else if (page.Separate)
        {
            _decoder.Decode(page, sample * page.ChunksPerPlane, destination);
        }
        else
        {
            int pageBytes = (int)(page.PlaneBytes * page.SamplesPerPixel);
            if (!ReferenceEquals(_cachedPage, page))
            {
                _cachedPage = null;
                if (_pageCache.Length < pageBytes)
                {
                    _decoder.CheckStoredSize(page);
                    if (_pageCache.Length > 0) ArrayPool<byte>.Shared.Return(_pageCache);
                    _pageCache = [];
                    _pageCache = ArrayPool<byte>.Shared.Rent(pageBytes);
                }
                _decoder.Decode(page, 0, _pageCache.AsSpan(0, pageBytes));
                _cachedPage = page;
            }
            Deinterleave(_pageCache.AsSpan(0, pageBytes), destination, sample, page.SamplesPerPixel, page.BytesPerSample);
        }
    }

    private static void Deinterleave(ReadOnlySpan<byte> interleaved, Span<byte> destination, int sample, int samples, int bytesPerSample)
    {
        var source = interleaved[(sample * bytesPerSample)..];
        switch (bytesPerSample)
        {
            case 1: Gather(source, destination, samples); break;
            case 2: Gather(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(destination), samples); break;
            case 4: Gather(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(destination), samples); break;
            default: Gather(MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(destination), samples); break;
        }
    }

    private static void Gather<T>(ReadOnlySpan<T> source, Span<T> destination, int step) where T : unmanaged
    {
        for (int i = 0, j = 0; i < destination.Length; i++, j += step) destination[i] = source[j];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _decoder.Dispose();
        if (_pageCache.Length > 0) ArrayPool<byte>.Shared.Return(_pageCache);
        _pageCache = [];
        _cachedPage = null;
        _source.Dispose();
    }
}
