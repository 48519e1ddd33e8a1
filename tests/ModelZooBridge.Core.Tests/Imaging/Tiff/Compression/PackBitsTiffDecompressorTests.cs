using ModelZooBridge.Imaging.Tiff.Compression;

namespace ModelZooBridge.Tests.Imaging.Tiff.Compression;

[Trait("Area", "Tiff")]
public sealed class PackBitsTiffDecompressorTests
{
    [Fact]
    public void Decodes_the_example_of_the_tiff_specification()
    {
        // TIFF 6.0 §9: literal run, repeat run, the -128 no-op is absent here.
        byte[] packed = [0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA];
        byte[] expected = [0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22,
            0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA];
        var output = new byte[expected.Length];
        Assert.Equal(expected.Length, new PackBitsTiffDecompressor().Decompress(packed, output));
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Minus_128_is_a_no_op_and_output_is_bounded()
    {
        byte[] packed = [0x80, 0x81, 0x07]; // no-op, then "repeat 0x07 128 times" into a 5-byte buffer
        var output = new byte[5];
        Assert.Equal(5, new PackBitsTiffDecompressor().Decompress(packed, output));
        Assert.Equal(new byte[] { 7, 7, 7, 7, 7 }, output);
    }

    [Fact]
    public void Truncated_input_yields_a_short_count()
    {
        byte[] packed = [0x05, 0x01, 0x02]; // literal of 6 bytes with only 2 present
        var output = new byte[6];
        Assert.Equal(2, new PackBitsTiffDecompressor().Decompress(packed, output));
    }
}
