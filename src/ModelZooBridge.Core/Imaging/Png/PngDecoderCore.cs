using System.Buffers.Binary;
using System.IO.Compression;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Png;

/// <summary>
/// Decodes a whole PNG file held in memory into channel planes (C order over c, y, x). All problems are raised as
/// <see cref="ImageFormatException"/>.
/// </summary>
internal sealed class PngDecoderCore
{
    /// <summary>Largest decoded image, in bytes, that is accepted (about 2 GiB: the largest .NET array).</summary>
    public static readonly long MaxDecodedBytes = Array.MaxLength;

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly string _name;
    private PngHeader? _header;
    private byte[]? _palette;
    private byte[]? _paletteAlpha;

    private PngDecoderCore(string name) => _name = name;

    /// <summary>The decoded image: dtype uint8 or uint16, <paramref name="Channels"/> planes of height × width samples.</summary>
    public sealed record Result(DType DType, int Channels, int Height, int Width, byte[] Planes);

    /// <summary>Decodes <paramref name="file"/>; <paramref name="name"/> is used in error messages.</summary>
    public static Result Decode(ReadOnlySpan<byte> file, string name) => new PngDecoderCore(name).Run(file);

    private Result Run(ReadOnlySpan<byte> file)
    {
        if (file.Length < Signature.Length || !file[..Signature.Length].SequenceEqual(Signature))
            throw Fail("not a PNG file (signature missing)");
        var idat = new MemoryStream();
        int pos = Signature.Length;
        bool sawIdat = false, idatEnded = false;
        while (true)
        {
            if (file.Length - pos < 12) throw Fail("file is truncated: it ends before the IEND chunk");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[pos..]);
            var typeBytes = file.Slice(pos + 4, 4);
            string type = ChunkName(typeBytes);
            if (type.Contains('?')) throw Fail($"invalid chunk type at offset {pos}");
            if (length > int.MaxValue) throw Fail($"chunk {type} declares an impossible length {length}");
            if (file.Length - pos - 12 < length) throw Fail($"file is truncated inside chunk {type}");
            var data = file.Slice(pos + 8, (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 8 + (int)length)..]);
            uint actual = PngCrc32.Update(0, file.Slice(pos + 4, 4 + (int)length));
            if (stored != actual) throw Fail($"CRC mismatch in chunk {type} at offset {pos}");
            pos += 12 + (int)length;

            if (_header is null && type != "IHDR") throw Fail($"first chunk is {type}, not IHDR");
            if (sawIdat && type != "IDAT") idatEnded = true;
            switch (type)
            {
                case "IHDR":
                    if (_header is not null) throw Fail("second IHDR chunk");
                    _header = ParseHeader(data);
                    break;
                case "PLTE":
                    ParsePalette(data);
                    break;
                case "tRNS":
                    ParseTransparency(data);
                    break;
                case "IDAT":
                    if (idatEnded) throw Fail("IDAT chunks are not consecutive");
                    sawIdat = true;
                    idat.Write(data);
                    break;
                case "IEND":
                    return Finish(idat, sawIdat);
                default:
                    if ((typeBytes[0] & 0x20) == 0) throw Fail($"unknown critical chunk {type}");
                    break;
            }
        }
    }

    private Result Finish(MemoryStream idat, bool sawIdat)
    {
        var header = _header!;
        if (!sawIdat) throw Fail("no IDAT chunk");
        if (header.ColorType == PngColorType.Palette && _palette is null) throw Fail("palette image without a PLTE chunk");
        int channels = header.ColorType switch
        {
            PngColorType.Palette => _paletteAlpha is null ? 3 : 4,
            _ => header.StoredChannels,
        };
        int sampleBytes = header.BitDepth == 16 ? 2 : 1;
        long decodedBytes = (long)header.Width * header.Height * channels * sampleBytes;
        long filteredBytes = header.FilteredBytes();
        if (decodedBytes > MaxDecodedBytes || filteredBytes > MaxDecodedBytes)
            throw Fail($"image of {header.Width} × {header.Height} × {channels} samples is too large to decode (limit {MaxDecodedBytes} bytes)");

        var filtered = new byte[filteredBytes];
        idat.Position = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            zlib.ReadExactly(filtered);
        }
        catch (EndOfStreamException)
        {
            throw Fail("compressed image data is truncated");
        }
        catch (InvalidDataException e)
        {
            throw Fail($"compressed image data is corrupt ({e.Message})");
        }

        var planes = new byte[decodedBytes];
        var unpacker = new PngUnpacker(header, _palette, _paletteAlpha, planes, channels);
        long offset = 0;
        foreach (var pass in header.Passes())
        {
            int rowBytes = (int)header.RowBytes(pass.Width);
            var zeros = new byte[rowBytes];
            for (int r = 0; r < pass.Height; r++)
            {
                byte filter = filtered[offset];
                var row = filtered.AsSpan((int)offset + 1, rowBytes);
                ReadOnlySpan<byte> previous = r == 0 ? zeros : filtered.AsSpan((int)offset - rowBytes, rowBytes);
                if (!PngFilter.Unfilter(filter, row, previous, header.FilterStride))
                    throw Fail($"unknown filter type {filter}");
                if (!unpacker.Unpack(row, pass.Y0 + r * pass.Dy, pass.X0, pass.Dx, pass.Width, out int badIndex))
                    throw Fail($"palette index {badIndex} is outside the {_palette!.Length / 3}-entry palette");
                offset += 1 + rowBytes;
            }
        }
        return new Result(header.BitDepth == 16 ? DType.UInt16 : DType.UInt8, channels, header.Height, header.Width, planes);
    }

    private PngHeader ParseHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13) throw Fail($"IHDR has {data.Length} bytes, not 13");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw Fail($"image size {width} × {height} is invalid");
        int bitDepth = data[8];
        var colorType = (PngColorType)data[9];
        if (!Enum.IsDefined(colorType)) throw Fail($"colour type {data[9]} is invalid");
        if (!PngHeader.IsValidCombination(colorType, bitDepth)) throw Fail($"bit depth {bitDepth} is invalid for colour type {data[9]}");
        if (data[10] != 0) throw Fail($"compression method {data[10]} is not supported");
        if (data[11] != 0) throw Fail($"filter method {data[11]} is not supported");
        if (data[12] > 1) throw Fail($"interlace method {data[12]} is not supported");
        return new PngHeader((int)width, (int)height, bitDepth, colorType, data[12] == 1);
    }

    private void ParsePalette(ReadOnlySpan<byte> data)
    {
        if (_palette is not null) throw Fail("second PLTE chunk");
        if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 256 * 3)
            throw Fail($"PLTE has {data.Length} bytes, not a multiple of 3 up to 768");
        if (_header!.ColorType is PngColorType.Gray or PngColorType.GrayAlpha) throw Fail("PLTE chunk in a grayscale image");
        if (_header.ColorType == PngColorType.Palette)
        {
            // More entries than the bit depth can index is a benign error (as libpng treats it): the extra ones are unused.
            _palette = data[..Math.Min(data.Length, 3 << _header.BitDepth)].ToArray();
        }
    }

    private void ParseTransparency(ReadOnlySpan<byte> data)
    {
        // Colour-key transparency of gray and RGB images is ignored: samples are returned as stored.
        if (_header!.ColorType != PngColorType.Palette) return;
        if (_palette is null) throw Fail("tRNS chunk before PLTE");
        if (_paletteAlpha is not null) throw Fail("second tRNS chunk");
        int entries = _palette.Length / 3;
        if (data.Length > entries) throw Fail($"tRNS has {data.Length} entries for a {entries}-entry palette");
        _paletteAlpha = new byte[256];
        _paletteAlpha.AsSpan().Fill(255);
        data.CopyTo(_paletteAlpha);
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++) chars[i] = char.IsAsciiLetter((char)type[i]) ? (char)type[i] : '?';
        return new string(chars);
    }

    private ImageFormatException Fail(string problem) => new(_name, problem);
}
