using ModelZooBridge.Imaging.Tiff.Compression;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Tests.Imaging.Tiff.Compression;

/// <summary>Random input (fixed seed) into each decompressor: output stays within the buffer and only <see cref="InvalidDataException"/> escapes.</summary>
[Trait("Area", "Tiff")]
public sealed class TiffDecompressorRobustnessTests
{
    [Theory]
    [InlineData(TiffCompression.Lzw)]
    [InlineData(TiffCompression.AdobeDeflate)]
    [InlineData(TiffCompression.PackBits)]
    public void Random_input_never_overruns_or_throws_anything_else(TiffCompression compression)
    {
        var random = new Random(7);
        var decompressor = TiffDecompressorFactory.Create(compression);
        var output = new byte[4096 + 64];
        int invalid = 0;
        for (int i = 0; i < 2000; i++)
        {
            var input = new byte[random.Next(0, 600)];
            random.NextBytes(input);
            if (compression == TiffCompression.Lzw && input.Length > 0) input[0] |= 0x80; // a ClearCode-like start, not old-style
            if (compression == TiffCompression.AdobeDeflate && input.Length > 1) (input[0], input[1]) = (0x78, 0x9C);
            Array.Fill(output, (byte)0xEE, 4096, 64);
            try
            {
                int written = decompressor.Decompress(input, output.AsSpan(0, 4096));
                Assert.InRange(written, 0, 4096);
            }
            catch (InvalidDataException)
            {
                invalid++;
            }
            Assert.All(output[4096..], b => Assert.Equal(0xEE, b));
        }
        if (compression != TiffCompression.PackBits) Assert.True(invalid > 0, "random data was never rejected");
    }
}
