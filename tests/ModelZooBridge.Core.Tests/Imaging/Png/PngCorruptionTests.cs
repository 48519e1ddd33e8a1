using System.Diagnostics;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Png;
using static ModelZooBridge.Tests.Imaging.Png.PngTestFile;

namespace ModelZooBridge.Tests.Imaging.Png;

/// <summary>Corrupt, truncated, oversized and mutated PNGs: only <see cref="ImageFormatException"/> escapes, with a one-line message.</summary>
[Trait("Area", "Png")]
public sealed class PngCorruptionTests
{
    private static byte[] Fixture(string name) => System.IO.File.ReadAllBytes(GeneratedFixtures.Png.PathOf(name, ".png"));

    private static ImageFormatException Refuse(byte[] png, string message)
    {
        var e = Assert.Throws<ImageFormatException>(() => PngReader.FromBytes(png, "t.png"));
        Assert.Contains(message, e.Problem);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void Bad_crc_names_the_chunk()
    {
        var png = Fixture("own_c3_8");
        int idat = IndexOf(png, "IDAT"u8);
        png[idat + 6] ^= 0x10;
        Refuse(png, "CRC mismatch in chunk IDAT");

        png = Fixture("pil_rgb");
        png[16 + 3] ^= 1;
        Refuse(png, "CRC mismatch in chunk IHDR");
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var png = Fixture("own_palette2_trns_adam7");
        for (int length = 0; length < png.Length; length++)
            Assert.Throws<ImageFormatException>(() => PngReader.FromBytes(png.AsSpan(0, length), "t.png"));
        Refuse(png[..^12], "ends before the IEND chunk");
        Refuse(png[..20], "truncated inside chunk IHDR");
    }

    [Fact]
    public void Structural_errors_are_refused_with_their_reason()
    {
        var pixel = Zlib([0, 7]);
        Refuse(File(Header(1, 1, 8, 0), Chunk("IDAT", pixel)), "before the IEND");
        Refuse(File(Chunk("IDAT", pixel), Header(1, 1, 8, 0), Chunk("IEND", [])), "first chunk is IDAT");
        Refuse(File(Header(1, 1, 8, 0), Chunk("IEND", [])), "no IDAT");
        Refuse(File(Header(1, 1, 8, 0), Chunk("ABCD", [1]), Chunk("IDAT", pixel), Chunk("IEND", [])), "unknown critical chunk ABCD");
        Refuse(File(Header(1, 1, 3, 0), Chunk("IDAT", pixel), Chunk("IEND", [])), "bit depth 3");
        Refuse(File(Header(1, 1, 8, 5), Chunk("IDAT", pixel), Chunk("IEND", [])), "colour type 5");
        Refuse(File(Header(0, 1, 8, 0), Chunk("IDAT", pixel), Chunk("IEND", [])), "image size 0");
        Refuse(File(Header(1, 1, 8, 0, interlace: 2), Chunk("IDAT", pixel), Chunk("IEND", [])), "interlace method 2");
        Refuse(File(Header(1, 1, 8, 3), Chunk("IDAT", pixel), Chunk("IEND", [])), "without a PLTE");
        Refuse(File(Header(1, 1, 8, 3), Chunk("PLTE", [1, 2, 3]), Chunk("IDAT", pixel), Chunk("IEND", [])), "palette index 7 is outside the 1-entry palette");
        Refuse(File(Header(1, 1, 8, 0), Chunk("IDAT", Zlib([9, 7])), Chunk("IEND", [])), "unknown filter type 9");
        Refuse(File(Header(2, 1, 8, 0), Chunk("IDAT", pixel), Chunk("IEND", [])), "compressed image data is truncated");
        Refuse(File(Header(1, 1, 8, 0), Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF]), Chunk("IEND", [])), "compressed image data");
        Refuse(File(Header(1, 1, 8, 0), Chunk("IDAT", pixel[..3]), Chunk("tEXt", [65, 0, 66]), Chunk("IDAT", pixel[3..]), Chunk("IEND", [])), "not consecutive");
        Refuse([.. Signature[..7], 0], "signature");
    }

    [Fact]
    public void Palette_longer_than_the_bit_depth_can_index_is_tolerated()
    {
        // 1-bit palette image with 3 entries (the third unusable), pixels 1 and 0.
        var png = File(Header(2, 1, 1, 3), Chunk("PLTE", [10, 20, 30, 40, 50, 60, 70, 80, 90]), Chunk("IDAT", Zlib([0, 0b1000_0000])), Chunk("IEND", []));
        var reader = PngReader.FromBytes(png, "t.png");
        Assert.Equal([3, 1, 2], reader.Info.Shape.ToArray());
        Assert.Equal([40, 10, 50, 20, 60, 30], reader.ReadAll().Bytes.ToArray());
    }

    [Fact]
    public void Oversized_images_are_refused_before_allocation()
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        Refuse(File(Header(100000, 100000, 16, 6), Chunk("IDAT", Zlib([0])), Chunk("IEND", [])), "too large");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20);
    }

    [Fact]
    public void Decompression_is_bounded_by_the_expected_size()
    {
        // 16 MB of zeros behind a 1 × 1 image: only the two bytes the header implies are inflated.
        var bomb = Zlib(new byte[16 << 20]);
        var clock = Stopwatch.StartNew();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var reader = PngReader.FromBytes(File(Header(1, 1, 8, 0), Chunk("IDAT", bomb), Chunk("IEND", [])), "bomb.png");
        Assert.Equal([1, 1], reader.Info.Shape.ToArray());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 4 << 20);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Mutated_files_only_raise_ImageFormatException()
    {
        var sources = GeneratedFixtures.Png.Manifest.Select(m => Fixture(m[0])).ToArray();
        var mutator = new FileMutator(seed: 4321);
        var clock = Stopwatch.StartNew();
        int refused = 0, read = 0;
        for (int i = 0; i < 800; i++)
        {
            var png = mutator.Mutate(sources[i % sources.Length], hotBytes: 64);
            if (i % 2 == 0) FixCrcs(png);
            try
            {
                var reader = PngReader.FromBytes(png, "fuzz.png");
                var plane = new byte[reader.Info.PlaneBytes];
                for (long p = 0; p < reader.Info.PlaneCount; p++) reader.ReadPlane(p, plane);
                read++;
            }
            catch (ImageFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i}: {e.GetType().Name} escaped: {e.Message}");
            }
        }
        Assert.True(refused > 300, $"only {refused} of 800 mutations were refused");
        Assert.True(read > 20, $"only {read} of 800 mutations still decoded");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {clock.Elapsed}");
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> text) => data.AsSpan().IndexOf(text);
}
