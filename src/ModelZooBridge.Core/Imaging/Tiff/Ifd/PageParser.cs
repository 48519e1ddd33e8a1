using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Ifd;

/// <summary>
/// Turns an IFD into a <see cref="TiffPage"/>, rejecting what the reader cannot decode with a message that
/// names the feature (TIFF 6.0 §8 baseline fields, §15 tiles, §14 predictor, Adobe TN3, SampleFormat §19).
/// </summary>
internal static class PageParser
{
    /// <summary>Largest decoded page accepted (the page cache and plane spans are single .NET arrays).</summary>
    public const long MaxPageBytes = int.MaxValue - 4096;

    /// <summary>True when NewSubfileType marks the IFD as a reduced-resolution copy (bit 0).</summary>
    public static bool IsReducedResolution(TiffSource source, TiffDirectory directory) =>
        directory.TryGet(TiffTag.NewSubfileType, out var entry) && entry.IsInteger && entry.Count > 0
        && (EntryReader.ReadInteger(source, entry) & 1) != 0;

    /// <summary>Parses and validates a full-resolution page.</summary>
    public static TiffPage Parse(TiffSource source, TiffDirectory directory)
    {
        string where = $"IFD {directory.Index}";
        ulong Required(TiffTag tag) => directory.TryGet(tag, out var e)
            ? EntryReader.ReadInteger(source, e)
            : TiffThrow.Corrupt<ulong>(source.Path, $"{where}: required tag {tag} ({(ushort)tag}) is missing");
        ulong Optional(TiffTag tag, ulong fallback) => directory.TryGet(tag, out var e) ? EntryReader.ReadInteger(source, e) : fallback;

        ulong width = Required(TiffTag.ImageWidth), height = Required(TiffTag.ImageLength);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            TiffThrow.Corrupt(source.Path, $"{where}: image size {width}x{height} is invalid");
        ulong samples = Optional(TiffTag.SamplesPerPixel, 1);
        if (samples == 0 || samples > 4096) TiffThrow.Corrupt(source.Path, $"{where}: SamplesPerPixel {samples} is invalid");
        int spp = (int)samples;

        var compression = (TiffCompression)(ushort)Math.Min(Optional(TiffTag.Compression, 1), ushort.MaxValue);
        if (compression is not (TiffCompression.None or TiffCompression.Lzw or TiffCompression.AdobeDeflate
            or TiffCompression.Deflate or TiffCompression.PackBits))
            TiffThrow.Unsupported(source.Path, $"compression {CompressionName((ushort)compression)} ({(ushort)compression})");

        ulong photometric = Optional(TiffTag.PhotometricInterpretation, 1);
        if (photometric == (ulong)TiffPhotometric.YCbCr)
            TiffThrow.Unsupported(source.Path, "YCbCr photometric interpretation (chroma subsampling)");

        int bits = UniformPerSample(source, directory, TiffTag.BitsPerSample, spp, 1);
        int format = UniformPerSample(source, directory, TiffTag.SampleFormat, spp, 1);
        if (bits is not (8 or 16 or 32 or 64)) TiffThrow.Unsupported(source.Path, $"BitsPerSample {bits} ({bits}-bit samples)");
        var dtype = ((TiffSampleFormat)format, bits) switch
        {
            (TiffSampleFormat.UnsignedInteger or TiffSampleFormat.Undefined, 8) => DType.UInt8,
            (TiffSampleFormat.UnsignedInteger or TiffSampleFormat.Undefined, 16) => DType.UInt16,
            (TiffSampleFormat.UnsignedInteger or TiffSampleFormat.Undefined, 32) => DType.UInt32,
            (TiffSampleFormat.SignedInteger, 8) => DType.Int8,
            (TiffSampleFormat.SignedInteger, 16) => DType.Int16,
            (TiffSampleFormat.SignedInteger, 32) => DType.Int32,
            (TiffSampleFormat.SignedInteger, 64) => DType.Int64,
            (TiffSampleFormat.Float, 32) => DType.Float32,
            (TiffSampleFormat.Float, 64) => DType.Float64,
            _ => Unsupported(source.Path, $"SampleFormat {format} with {bits}-bit samples"),
        };

        ulong predictor = Optional(TiffTag.Predictor, 1);
        if (predictor is not (1 or 2 or 3)) TiffThrow.Unsupported(source.Path, $"predictor {predictor}");
        if (predictor == 3 && dtype is not (DType.Float32 or DType.Float64))
            TiffThrow.Unsupported(source.Path, $"floating-point predictor with {dtype.Name()} samples");

        ulong planar = Optional(TiffTag.PlanarConfiguration, 1);
        if (planar is not (1 or 2)) TiffThrow.Corrupt(source.Path, $"{where}: PlanarConfiguration {planar} is invalid");
        bool separate = planar == 2 && spp > 1;

        long rowBytes = (long)width * spp * (bits / 8);
        if (rowBytes * (long)height > MaxPageBytes)
            TiffThrow.Unsupported(source.Path, $"a page of {width}x{height}x{spp} {dtype.Name()} (more than 2 GiB)");

        bool tiled = directory.TryGet(TiffTag.TileOffsets, out var tileOffsets);
        int chunkWidth, chunkHeight, chunksPerPlane;
        TiffEntry offsets;
        TiffEntry? byteCounts = null;
        if (tiled)
        {
            ulong tw = Required(TiffTag.TileWidth), th = Required(TiffTag.TileLength);
            if (tw == 0 || th == 0 || tw > 65536 || th > 65536 || tw * th * (ulong)spp * (ulong)(bits / 8) > MaxPageBytes)
                TiffThrow.Corrupt(source.Path, $"{where}: tile size {tw}x{th} is invalid");
            chunkWidth = (int)tw;
            chunkHeight = (int)th;
            long across = ((long)width + chunkWidth - 1) / chunkWidth, down = ((long)height + chunkHeight - 1) / chunkHeight;
            if (across * down > int.MaxValue / spp) TiffThrow.Corrupt(source.Path, $"{where}: too many tiles");
            chunksPerPlane = (int)(across * down);
            offsets = tileOffsets;
            if (directory.TryGet(TiffTag.TileByteCounts, out var counts)) byteCounts = counts;
        }
        else
        {
            if (!directory.TryGet(TiffTag.StripOffsets, out offsets))
                TiffThrow.Corrupt(source.Path, $"{where}: neither StripOffsets nor TileOffsets is present");
            ulong rows = Optional(TiffTag.RowsPerStrip, uint.MaxValue);
            if (rows == 0) TiffThrow.Corrupt(source.Path, $"{where}: RowsPerStrip is 0");
            chunkWidth = (int)width;
            chunkHeight = (int)Math.Min(rows, height);
            chunksPerPlane = (int)(((long)height + chunkHeight - 1) / chunkHeight);
            if (directory.TryGet(TiffTag.StripByteCounts, out var counts)) byteCounts = counts;
        }
        long chunkCount = (long)chunksPerPlane * (separate ? spp : 1);
        if (chunkCount > int.MaxValue) TiffThrow.Corrupt(source.Path, $"{where}: {chunkCount} chunks are too many");
        if ((ulong)chunkCount > offsets.Count)
            TiffThrow.Corrupt(source.Path, $"{where}: {offsets.Count} chunk offsets for {chunkCount} {(tiled ? "tiles" : "strips")}");
        if (byteCounts is { } bc && (ulong)chunkCount > bc.Count)
            TiffThrow.Corrupt(source.Path, $"{where}: {bc.Count} chunk byte counts for {chunkCount} {(tiled ? "tiles" : "strips")}");

        return new TiffPage
        {
            Index = directory.Index,
            Width = (int)width,
            Height = (int)height,
            SamplesPerPixel = spp,
            DType = dtype,
            Compression = compression,
            Predictor = (TiffPredictor)predictor,
            Separate = separate,
            Tiled = tiled,
            ChunkWidth = chunkWidth,
            ChunkHeight = chunkHeight,
            ChunksPerPlane = chunksPerPlane,
            OffsetsEntry = offsets,
            ByteCountsEntry = byteCounts,
            XResolution = Resolution(source, directory, TiffTag.XResolution),
            YResolution = Resolution(source, directory, TiffTag.YResolution),
            ResolutionUnit = (int)Math.Min(Optional(TiffTag.ResolutionUnit, 2), 100),
        };
    }

    /// <summary>A readable name of a compression value, for messages.</summary>
    public static string CompressionName(ushort value) => value switch
    {
        2 => "CCITT RLE",
        3 => "CCITT Group 3",
        4 => "CCITT Group 4",
        6 => "old-style JPEG",
        7 => "JPEG",
        34712 => "JPEG 2000",
        34887 => "LERC",
        34925 => "LZMA",
        50000 => "Zstandard",
        50001 => "WebP",
        _ => "unknown",
    };

    private static DType Unsupported(string path, string feature)
    {
        TiffThrow.Unsupported(path, feature);
        return default;
    }

    private static double? Resolution(TiffSource source, TiffDirectory directory, TiffTag tag)
    {
        if (!directory.TryGet(tag, out var entry)) return null;
        double value = EntryReader.ReadReal(source, entry);
        return double.IsFinite(value) && value > 0 ? value : null;
    }

    private static int UniformPerSample(TiffSource source, TiffDirectory directory, TiffTag tag, int spp, int fallback)
    {
        if (!directory.TryGet(tag, out var entry)) return fallback;
        ulong first = EntryReader.ReadInteger(source, entry);
        ulong n = Math.Min(entry.Count, (ulong)spp);
        for (ulong i = 1; i < n; i++)
        {
            ulong other = EntryReader.ReadInteger(source, entry, i);
            if (other != first) TiffThrow.Unsupported(source.Path, $"{tag} differing between samples ({first} and {other})");
        }
        return (int)Math.Min(first, 1000);
    }
}
