using ModelZooBridge.Imaging.Tiff.Compression;

namespace ModelZooBridge.Tests.Imaging.Tiff.Compression;

[Trait("Area", "Tiff")]
public sealed class LzwTiffDecompressorTests
{
    /// <summary>Packs codes MSB-first at the given widths, as TIFF LZW stores them.</summary>
    private static byte[] Pack(params (int Code, int Width)[] codes)
    {
        var bits = new List<bool>();
        foreach (var (code, width) in codes)
            for (int b = width - 1; b >= 0; b--) bits.Add(((code >> b) & 1) != 0);
        var bytes = new byte[(bits.Count + 7) / 8];
        for (int i = 0; i < bits.Count; i++) if (bits[i]) bytes[i / 8] |= (byte)(0x80 >> (i % 8));
        return bytes;
    }

    [Fact]
    public void Decodes_the_kwkwk_case()
    {
        // "aaaaaa" encodes as Clear, 'a', 258 ("aa", not yet in the table when read), 259 ("aaa"), EOI.
        var packed = Pack((256, 9), (97, 9), (258, 9), (259, 9), (257, 9));
        var output = new byte[6];
        Assert.Equal(6, new LzwTiffDecompressor().Decompress(packed, output));
        Assert.Equal("aaaaaa"u8.ToArray(), output);
    }

    [Fact]
    public void Switches_to_ten_bit_codes_one_code_early()
    {
        // 253 literals after Clear fill entries 258..510; the code after entry 510 is added is 10 bits wide.
        var codes = new List<(int, int)> { (256, 9) };
        for (int i = 0; i < 254; i++) codes.Add((i, 9));
        codes.Add((258, 10)); // entry 258 = bytes 0,1
        codes.Add((257, 10));
        var output = new byte[256];
        Assert.Equal(256, new LzwTiffDecompressor().Decompress(Pack([.. codes]), output));
        Assert.Equal(Enumerable.Range(0, 254).Select(i => (byte)i).Concat(new byte[] { 0, 1 }).ToArray(), output);
    }

    [Fact]
    public void A_code_beyond_the_table_is_invalid_data()
    {
        var packed = Pack((256, 9), (97, 9), (300, 9));
        Assert.Throws<InvalidDataException>(() => new LzwTiffDecompressor().Decompress(packed, new byte[10]));
    }

    [Fact]
    public void Output_is_bounded_by_the_destination()
    {
        var packed = Pack((256, 9), (97, 9), (258, 9), (259, 9), (260, 9), (261, 9), (257, 9));
        var output = new byte[4];
        Assert.Equal(4, new LzwTiffDecompressor().Decompress(packed, output));
    }
}
