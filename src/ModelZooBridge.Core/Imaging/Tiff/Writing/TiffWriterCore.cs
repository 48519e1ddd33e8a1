using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.IO;

namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>
/// Streams pages into an <see cref="AtomicFile"/>: the header, then every page's strips in plane order as they arrive,
/// then all directories at the end. Uncompressed pages therefore lie back to back right after the header, which is
/// what ImageJ expects of its own stacks (it reads the first directory and the contiguous pixel data behind it).
/// Memory: one page of compressed strips, plus 8 bytes per page and 4 per strip for deflate's offsets.
/// </summary>
internal sealed class TiffWriterCore : IDisposable
{
    private const long ClassicLimit = uint.MaxValue;

    private readonly AtomicFile _file;
    private readonly TiffStripLayout _layout;
    private readonly TiffImageMetadata _metadata;
    private readonly TiffCompression _compression;
    private readonly DeflateStripCompressor? _compressor;
    private readonly List<long> _pageStarts = [];
    private readonly List<uint> _stripByteCounts = [];
    private readonly int _headerSize;
    private byte[]? _boolBuffer;
    private bool _failed;
    private bool _finished;

    public TiffWriterCore(string path, ImageInfo info, TiffImageMetadata metadata, TiffCompression compression, CompressionLevel level, bool bigTiff)
    {
        Info = info;
        BigTiff = bigTiff;
        _metadata = metadata;
        _compression = compression;
        _layout = new TiffStripLayout(info.Shape[^1], info.Shape[^2], info.DType);
        if (compression == TiffCompression.AdobeDeflate) _compressor = new DeflateStripCompressor(_layout, level);
        _headerSize = bigTiff ? 16 : 8;
        _file = AtomicFile.Create(path);
        try
        {
            Span<byte> header = stackalloc byte[16];
            header.Clear();
            header[0] = (byte)'I';
            header[1] = (byte)'I';
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], bigTiff ? (ushort)43 : (ushort)42);
            if (bigTiff) BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 8);
            _file.Stream.Write(header[.._headerSize]);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public ImageInfo Info { get; }

    public bool BigTiff { get; }

    public string Path => _file.Path;

    public long PlanesWritten { get; private set; }

    /// <summary>
    /// An upper bound of the file size: header, data (uncompressed, or deflate's worst-case expansion), directories
    /// with their strip tables and the description. BigTIFF is chosen automatically when it may not fit 32-bit offsets.
    /// </summary>
    public static bool MayExceedClassicTiff(ImageInfo info, TiffImageMetadata metadata, TiffCompression compression)
    {
        var layout = new TiffStripLayout(info.Shape[^1], info.Shape[^2], info.DType);
        long data = info.TotalBytes;
        long strips = info.PlaneCount * layout.StripsPerPage;
        if (compression != TiffCompression.None) data += data / 1024 + strips * 64;
        long directories = info.PlaneCount * (512L + 16L * layout.StripsPerPage) + metadata.Description.Length + 1;
        const long margin = 1 << 20;
        return 16 + data + directories >= ClassicLimit - margin;
    }

    public void WritePlane(ReadOnlySpan<byte> plane)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_failed) throw new InvalidOperationException($"{Path}: an earlier plane failed to write; dispose this writer and start again");
        if (PlanesWritten == Info.PlaneCount)
            throw new InvalidOperationException($"{Path}: all {Info.PlaneCount} planes have already been written");
        if (plane.Length != _layout.PlaneBytes)
            throw new ArgumentException($"a plane of {Info} holds {_layout.PlaneBytes} bytes, got {plane.Length}", nameof(plane));

        _failed = true;
        if (Info.DType == DType.Bool) plane = AsZeroOne(plane);
        var stream = _file.Stream;
        if (_compressor is null)
        {
            stream.Write(plane);
        }
        else
        {
            _compressor.Compress(plane);
            _pageStarts.Add(stream.Position);
            for (int strip = 0; strip < _layout.StripsPerPage; strip++)
            {
                var bytes = _compressor.Strip(strip);
                stream.Write(bytes);
                _stripByteCounts.Add((uint)bytes.Length);
            }
        }
        if (!BigTiff && stream.Position > ClassicLimit)
            throw new InvalidOperationException(
                $"{Path}: plane {PlanesWritten + 1} of {Info.PlaneCount} takes the file past 4 GiB, more than classic TIFF can address; write with BigTiff = true or null");
        PlanesWritten++;
        _failed = false;
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_failed) throw new InvalidOperationException($"{Path}: an earlier plane failed to write; nothing to commit");
        if (PlanesWritten != Info.PlaneCount)
            throw new InvalidOperationException($"{Path}: cannot commit after {PlanesWritten} of {Info.PlaneCount} planes; write them all first");

        _failed = true;
        var stream = _file.Stream;
        if ((stream.Position & 1) != 0) stream.WriteByte(0);
        long firstIfd = stream.Position;
        var ifd = new IfdBuilder(BigTiff);
        var offsets = new long[_layout.StripsPerPage];
        var counts = new uint[_layout.StripsPerPage];
        long position = firstIfd;
        for (int page = 0; page < Info.PlaneCount; page++)
        {
            StripTable(page, offsets, counts);
            BuildDirectory(ifd, page, offsets, counts);
            long next = page + 1 < Info.PlaneCount ? position + ifd.Size : 0;
            if (!BigTiff && next > ClassicLimit)
                throw new InvalidOperationException($"{Path}: the directories pass 4 GiB, more than classic TIFF can address; write with BigTiff = true or null");
            stream.Write(ifd.Build(position, next));
            position += ifd.Size;
        }

        stream.Position = BigTiff ? 8 : 4;
        Span<byte> pointer = stackalloc byte[8];
        if (BigTiff) BinaryPrimitives.WriteInt64LittleEndian(pointer, firstIfd);
        else BinaryPrimitives.WriteUInt32LittleEndian(pointer, checked((uint)firstIfd));
        stream.Write(pointer[..(BigTiff ? 8 : 4)]);
        _file.Commit();
        _finished = true;
        _failed = false;
    }

    public void Dispose()
    {
        _finished = true;
        _file.Dispose();
    }

    private void StripTable(int page, Span<long> offsets, Span<uint> counts)
    {
        if (_compressor is null)
        {
            long start = _headerSize + (long)page * _layout.PlaneBytes;
            for (int strip = 0; strip < offsets.Length; strip++)
            {
                offsets[strip] = start + _layout.StripStart(strip);
                counts[strip] = (uint)_layout.StripBytes(strip);
            }
            return;
        }
        long offset = _pageStarts[page];
        for (int strip = 0; strip < offsets.Length; strip++)
        {
            offsets[strip] = offset;
            counts[strip] = _stripByteCounts[page * offsets.Length + strip];
            offset += counts[strip];
        }
    }

    private void BuildDirectory(IfdBuilder ifd, int page, ReadOnlySpan<long> offsets, ReadOnlySpan<uint> counts)
    {
        var (bitsPerSample, sampleFormat) = TiffSampleEncoding.Of(Info.DType);
        ifd.Clear();
        ifd.AddLong(TiffTag.NewSubfileType, 0);
        ifd.AddLong(TiffTag.ImageWidth, (uint)_layout.Width);
        ifd.AddLong(TiffTag.ImageLength, (uint)_layout.Height);
        ifd.AddShort(TiffTag.BitsPerSample, bitsPerSample);
        ifd.AddShort(TiffTag.Compression, (ushort)_compression);
        ifd.AddShort(TiffTag.PhotometricInterpretation, (ushort)TiffPhotometric.BlackIsZero);
        if (page == 0) ifd.AddAscii(TiffTag.ImageDescription, _metadata.Description);
        ifd.AddOffsets(TiffTag.StripOffsets, offsets);
        ifd.AddShort(TiffTag.SamplesPerPixel, 1);
        ifd.AddLong(TiffTag.RowsPerStrip, (uint)_layout.RowsPerStrip);
        ifd.AddLongs(TiffTag.StripByteCounts, counts);
        if (_metadata.XResolution is { } x && _metadata.YResolution is { } y)
        {
            ifd.AddRational(TiffTag.XResolution, x);
            ifd.AddRational(TiffTag.YResolution, y);
            ifd.AddShort(TiffTag.ResolutionUnit, 1);
        }
        ifd.AddShort(TiffTag.SampleFormat, (ushort)sampleFormat);
    }

    /// <summary>bool planes are stored as uint8 0/1; any other non-zero byte becomes 1.</summary>
    private ReadOnlySpan<byte> AsZeroOne(ReadOnlySpan<byte> plane)
    {
        if (plane.IndexOfAnyExcept((byte)0, (byte)1) < 0) return plane;
        _boolBuffer ??= new byte[plane.Length];
        TensorPrimitives.Min(plane, (byte)1, _boolBuffer);
        return _boolBuffer;
    }
}
