using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Ifd;

/// <summary>
/// What one full-resolution IFD says about its pixels, validated by <see cref="PageParser"/>. A chunk is a
/// strip or a tile; with planar configuration 2 the chunks of sample <c>s</c> are
/// <c>[s * ChunksPerPlane, (s + 1) * ChunksPerPlane)</c>. Offsets and byte counts are read on first use.
/// </summary>
internal sealed class TiffPage
{
    private long[]? _offsets;
    private long[]? _byteCounts;
    private TiffPage? _base;

    /// <summary>Position in the IFD chain.</summary>
    public required int Index { get; init; }
    /// <summary>ImageWidth.</summary>
    public required int Width { get; init; }
    /// <summary>ImageLength.</summary>
    public required int Height { get; init; }
    /// <summary>SamplesPerPixel.</summary>
    public required int SamplesPerPixel { get; init; }
    /// <summary>Element type of every sample.</summary>
    public required DType DType { get; init; }
    /// <summary>Compression scheme.</summary>
    public required TiffCompression Compression { get; init; }
    /// <summary>Predictor.</summary>
    public required TiffPredictor Predictor { get; init; }
    /// <summary>True for PlanarConfiguration 2 with more than one sample.</summary>
    public required bool Separate { get; init; }
    /// <summary>True for tiled pages.</summary>
    public required bool Tiled { get; init; }
    /// <summary>Tile width, or the image width for strips.</summary>
    public required int ChunkWidth { get; init; }
    /// <summary>Tile length, or RowsPerStrip (at most the height) for strips.</summary>
    public required int ChunkHeight { get; init; }
    /// <summary>Chunks in one sample plane (strips per image, or tiles across times tiles down).</summary>
    public required int ChunksPerPlane { get; init; }
    /// <summary>StripOffsets or TileOffsets.</summary>
    public required TiffEntry OffsetsEntry { get; init; }
    /// <summary>StripByteCounts or TileByteCounts, when present.</summary>
    public required TiffEntry? ByteCountsEntry { get; init; }
    /// <summary>XResolution, if present and positive.</summary>
    public double? XResolution { get; init; }
    /// <summary>YResolution, if present and positive.</summary>
    public double? YResolution { get; init; }
    /// <summary>ResolutionUnit (1 none, 2 inch, 3 cm), 2 when absent as TIFF 6.0 specifies.</summary>
    public int ResolutionUnit { get; init; } = 2;

    /// <summary>Added to every chunk offset; non-zero only for <see cref="Contiguous"/> pages.</summary>
    public long DataShift { get; private init; }

    /// <summary>Where the page comes from, for messages.</summary>
    public string Name => _base is null ? $"IFD {Index}" : $"page {DataShift / _base.DataBytes} after IFD {Index}";

    /// <summary>Bytes of all samples of the page, decoded.</summary>
    public long DataBytes => PlaneBytes * SamplesPerPixel;

    /// <summary>
    /// Page <paramref name="number"/> of a stack whose pages follow <paramref name="first"/>'s data back to back
    /// without IFDs of their own (ImageJ writes such files when they exceed 4 GiB).
    /// </summary>
    public static TiffPage Contiguous(TiffPage first, int number) => new()
    {
        Index = first.Index,
        Width = first.Width,
        Height = first.Height,
        SamplesPerPixel = first.SamplesPerPixel,
        DType = first.DType,
        Compression = first.Compression,
        Predictor = first.Predictor,
        Separate = first.Separate,
        Tiled = first.Tiled,
        ChunkWidth = first.ChunkWidth,
        ChunkHeight = first.ChunkHeight,
        ChunksPerPlane = first.ChunksPerPlane,
        OffsetsEntry = first.OffsetsEntry,
        ByteCountsEntry = first.ByteCountsEntry,
        DataShift = number * first.DataBytes,
        _base = first,
    };

    /// <summary>Bytes per sample.</summary>
    public int BytesPerSample => DType.SizeOf();

    /// <summary>Samples interleaved in one chunk: all of them when contiguous, one when separate.</summary>
    public int SamplesPerChunk => Separate ? 1 : SamplesPerPixel;

    /// <summary>Total chunks in the page.</summary>
    public int ChunkCount => Separate ? ChunksPerPlane * SamplesPerPixel : ChunksPerPlane;

    /// <summary>Bytes of one decoded sample plane (y, x).</summary>
    public long PlaneBytes => (long)Width * Height * BytesPerSample;

    /// <summary>True when shape, samples and dtype match <paramref name="other"/>.</summary>
    public bool SameLayoutAs(TiffPage other) =>
        Width == other.Width && Height == other.Height && SamplesPerPixel == other.SamplesPerPixel && DType == other.DType;

    /// <summary>Short description for messages.</summary>
    public string Describe() => $"{Width}x{Height} {DType.Name()} with {SamplesPerPixel} sample(s) per pixel";

    /// <summary>Chunk offsets, read on first use.</summary>
    public long[] Offsets(TiffSource source) => _base?.Offsets(source) ?? (_offsets ??= EntryReader.ReadIntegers(source, OffsetsEntry, ChunkCount));

    /// <summary>Chunk byte counts, read on first use; inferred for single-chunk uncompressed pages that lack them.</summary>
    public long[] ByteCounts(TiffSource source)
    {
        if (_base is not null) return _base.ByteCounts(source);
        if (_byteCounts is not null) return _byteCounts;
        if (ByteCountsEntry is { } entry) return _byteCounts = EntryReader.ReadIntegers(source, entry, ChunkCount);
        if (Compression != TiffCompression.None)
            TiffThrow.Corrupt(source.Path, $"IFD {Index}: {(Tiled ? "TileByteCounts" : "StripByteCounts")} is missing");
        var counts = new long[ChunkCount];
        Array.Fill(counts, (long)ChunkWidth * ChunkHeight * SamplesPerChunk * BytesPerSample);
        return _byteCounts = counts;
    }
}
