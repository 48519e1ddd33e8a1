using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>Hand-built files, each with one defect: the reader must raise an <see cref="ImageFormatException"/> saying what is wrong.</summary>
[Trait("Area", "Tiff")]
public sealed class TiffReaderErrorTests : IDisposable
{
    private readonly string _folder = Oracles.ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(byte[] bytes, string name = "case.tif")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Pixels(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 37 + 11)).ToArray();

    private static string ReadAllAndFail(string path)
    {
        var error = Assert.Throws<ImageFormatException>(() =>
        {
            using var reader = TiffReader.Open(path);
            var plane = new byte[reader.Info.PlaneBytes];
            for (long p = 0; p < reader.Info.PlaneCount; p++) reader.ReadPlane(p, plane);
        });
        Assert.Equal(path, error.FilePath);
        Assert.DoesNotContain('\n', error.Message);
        return error.Problem;
    }

    [Fact]
    public void The_builder_makes_a_readable_file()
    {
        var pixels = Pixels(6 * 5);
        var path = Write(TinyTiff.Build(TinyTiff.Grey8(6, 5), pixels));
        using var reader = TiffReader.Open(path);
        Assert.Equal("yx", reader.Info.AxesString);
        var plane = new byte[30];
        reader.ReadPlane(0, plane);
        Assert.Equal(pixels, plane);
    }

    [Theory]
    [InlineData(new byte[0], "not a TIFF file")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0 }, "not a TIFF file")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 }, "byte-order mark")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 41, 0, 8, 0, 0, 0 }, "version 41")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0, 0, 0, 0, 0 }, "no IFD")]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42, 0, 0, 1, 0 }, "past the end")]
    public void Rejects_bad_headers(byte[] bytes, string expected) => Assert.Contains(expected, ReadAllAndFail(Write(bytes)));

    [Fact]
    public void Missing_file_is_an_image_format_error() =>
        Assert.Contains("cannot open", Assert.Throws<ImageFormatException>(() => TiffReader.Open(Path.Combine(_folder, "absent.tif"))).Problem);

    [Fact]
    public void Ifd_loop_is_detected() =>
        Assert.Contains("loops", ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(4, 4), Pixels(16), nextIfd: -1))));

    [Fact]
    public void Strip_past_the_end_of_the_file() =>
        Assert.Contains("past the end", ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(4, 4).With(273, 4, 1, 100_000), Pixels(16)))));

    [Fact]
    public void Strip_shorter_than_the_image() =>
        Assert.Contains("expected 16", ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(4, 4).With(279, 4, 1, 10), Pixels(16)))));

    [Fact]
    public void Huge_dimensions_do_not_allocate() =>
        Assert.Contains("more than 2 GiB", ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(4, 4).With(256, 4, 1, 100_000).With(257, 4, 1, 100_000), Pixels(16)))));

    [Fact]
    public void Interleaved_page_larger_than_its_data_can_produce_is_rejected_before_allocation()
    {
        // 8000 x 6000 RGB claimed (144 MB decoded), but one 16-byte deflate strip.
        var entries = TinyTiff.Grey8(4, 4).With(256, 4, 1, 8_000).With(257, 4, 1, 6_000).With(277, 3, 1, 3)
            .With(259, 3, 1, 8).With(278, 4, 1, 6_000).With(279, 4, 1, 16).With(258, 3, 1, 8);
        var path = Write(TinyTiff.Build(entries, Pixels(16)));
        using var reader = TiffReader.Open(path);
        Assert.Equal("cyx", reader.Info.AxesString);
        var plane = new byte[reader.Info.PlaneBytes];
        Assert.Contains("stored bytes cannot hold", Assert.Throws<ImageFormatException>(() => reader.ReadPlane(0, plane)).Problem);
    }

    [Fact]
    public void Missing_width_is_named() =>
        Assert.Contains("ImageWidth", ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(4, 4).Where(e => e.Tag != 256).ToList(), Pixels(16)))));

    [Theory]
    [InlineData(258, 1, "BitsPerSample 1 (1-bit samples) is not supported")]
    [InlineData(258, 4, "BitsPerSample 4 (4-bit samples) is not supported")]
    [InlineData(258, 12, "BitsPerSample 12 (12-bit samples) is not supported")]
    [InlineData(259, 34712, "compression JPEG 2000 (34712) is not supported")]
    [InlineData(259, 6, "compression old-style JPEG (6) is not supported")]
    [InlineData(259, 50000, "compression Zstandard (50000) is not supported")]
    [InlineData(262, 6, "YCbCr photometric interpretation (chroma subsampling) is not supported")]
    [InlineData(317, 7, "predictor 7 is not supported")]
    [InlineData(339, 3, "SampleFormat 3 with 8-bit samples is not supported")]
    public void Unsupported_features_are_named(ushort tag, uint value, string expected) =>
        Assert.Equal(expected, ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(4, 4).With(tag, 3, 1, value), Pixels(16)))));

    [Fact]
    public void Unsigned_64_bit_samples_are_unsupported() =>
        Assert.Contains("SampleFormat 1 with 64-bit samples", ReadAllAndFail(Write(TinyTiff.Build(TinyTiff.Grey8(1, 2).With(258, 3, 1, 64), Pixels(16)))));

    [Fact]
    public void Old_style_lzw_is_rejected_by_name()
    {
        byte[] oldStyle = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07];
        var entries = TinyTiff.Grey8(4, 4).With(259, 3, 1, 5).With(279, 4, 1, (uint)oldStyle.Length);
        Assert.Contains("old-style", ReadAllAndFail(Write(TinyTiff.Build(entries, oldStyle))));
    }

    [Fact]
    public void Corrupt_deflate_data_is_an_image_format_error()
    {
        byte[] garbage = [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12];
        var entries = TinyTiff.Grey8(4, 4).With(259, 3, 1, 8).With(279, 4, 1, (uint)garbage.Length);
        Assert.Contains("strip 0", ReadAllAndFail(Write(TinyTiff.Build(entries, garbage))));
    }

    [Fact]
    public void Ome_xml_that_is_malformed_or_has_a_dtd_is_rejected()
    {
        const string dtd = "<?xml version=\"1.0\"?><!DOCTYPE OME [<!ENTITY x \"y\">]><OME><Image><Pixels SizeX=\"4\" SizeY=\"4\"/></Image></OME>";
        var data = Pixels(16).Concat(System.Text.Encoding.ASCII.GetBytes(dtd + "\0")).ToArray();
        var entries = TinyTiff.Grey8(4, 4).With(270, 2, (uint)(dtd.Length + 1), TinyTiff.DataOffset + 16);
        Assert.Contains("OME-XML is malformed", ReadAllAndFail(Write(TinyTiff.Build(entries, data))));
    }

    [Fact]
    public void Imagej_description_claiming_more_pages_than_exist()
    {
        const string text = "ImageJ=1.53t\nimages=5\nslices=5\n";
        var data = Pixels(16).Concat(System.Text.Encoding.ASCII.GetBytes(text + "\0")).ToArray();
        var entries = TinyTiff.Grey8(4, 4).With(270, 2, (uint)(text.Length + 1), TinyTiff.DataOffset + 16);
        Assert.Contains("needs 5 pages", ReadAllAndFail(Write(TinyTiff.Build(entries, data))));
    }

    [Theory]
    [InlineData("<OME><Image><Pixels DimensionOrder=\"XYZCT\" SizeX=\"4\" SizeY=\"4\" SizeZ=\"2000000000\" SizeC=\"2000000000\" SizeT=\"2000000000\"/></Image></OME>")]
    [InlineData("ImageJ=1.53t\nimages=8\nchannels=2000000000\nslices=2000000000\nframes=2000000000\n")]
    public void Huge_claimed_dimensions_are_checked_against_the_page_count(string description)
    {
        var data = Pixels(16).Concat(System.Text.Encoding.ASCII.GetBytes(description + "\0")).ToArray();
        var entries = TinyTiff.Grey8(4, 4).With(270, 2, (uint)(description.Length + 1), TinyTiff.DataOffset + 16);
        Assert.Contains("but the file has 1 IFDs", ReadAllAndFail(Write(TinyTiff.Build(entries, data))));
    }

    [Fact]
    public void Binary_only_ome_is_read_as_a_plain_stack()
    {
        const string ome = "<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><BinaryOnly MetadataFile=\"a.companion.ome\" UUID=\"urn:uuid:0\"/></OME>";
        var pixels = Pixels(16);
        var data = pixels.Concat(System.Text.Encoding.ASCII.GetBytes(ome + "\0")).ToArray();
        var entries = TinyTiff.Grey8(4, 4).With(270, 2, (uint)(ome.Length + 1), TinyTiff.DataOffset + 16);
        using var reader = TiffReader.Open(Write(TinyTiff.Build(entries, data)));
        Assert.Equal("yx", reader.Info.AxesString);
        var plane = new byte[16];
        reader.ReadPlane(0, plane);
        Assert.Equal(pixels, plane);
    }

    [Fact]
    public void Ome_size_that_differs_from_the_page_is_rejected()
    {
        const string ome = "<OME><Image><Pixels DimensionOrder=\"XYZCT\" SizeX=\"5\" SizeY=\"4\"/></Image></OME>";
        var data = Pixels(16).Concat(System.Text.Encoding.ASCII.GetBytes(ome + "\0")).ToArray();
        var entries = TinyTiff.Grey8(4, 4).With(270, 2, (uint)(ome.Length + 1), TinyTiff.DataOffset + 16);
        Assert.Contains("differ from the page size", ReadAllAndFail(Write(TinyTiff.Build(entries, data))));
    }

    [Theory]
    [InlineData("ImageJ=1.53t\nimages=3\nslices=3\n")]
    [InlineData("ImageJ=1.53t\nimages=3\n")]
    public void Imagej_pages_without_ifds_are_read_back_to_back_after_the_first(string text)
    {
        // ImageJ's layout for stacks over 4 GiB: one IFD, then every page's uncompressed data contiguously.
        // Here the IFD and the description come first and the pixels follow, as ImageJ writes them.
        // A description with only images=N is a stack of N slices.
        byte[] description = System.Text.Encoding.ASCII.GetBytes(text + "\0");
        var pixels = Pixels(3 * 16);
        var entries = TinyTiff.Grey8(4, 4).With(270, 2, (uint)description.Length, 0);
        int ifdBytes = 2 + entries.Count * 12 + 4;
        // Layout: header, IFD (at 8 because the data block is empty), description, pixels.
        uint descriptionAt = (uint)(TinyTiff.DataOffset + ifdBytes), pixelsAt = descriptionAt + (uint)description.Length;
        entries = entries.With(270, 2, (uint)description.Length, descriptionAt).With(273, 4, 1, pixelsAt);
        var path = Write(TinyTiff.Build(entries, [], trailer: [.. description, .. pixels]));

        using var reader = TiffReader.Open(path);
        Assert.Equal("zyx", reader.Info.AxesString);
        Assert.Equal([3, 4, 4], reader.Info.Shape.ToArray());
        var plane = new byte[16];
        for (int p = 2; p >= 0; p--)
        {
            reader.ReadPlane(p, plane);
            Assert.Equal(pixels.AsSpan(p * 16, 16).ToArray(), plane);
        }
    }

    [Fact]
    public void Misuse_of_the_api_is_an_argument_error_not_a_format_error()
    {
        var path = Write(TinyTiff.Build(TinyTiff.Grey8(4, 4), Pixels(16)));
        using var reader = TiffReader.Open(path);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadPlane(1, new byte[16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadPlane(-1, new byte[16]));
        Assert.Throws<ArgumentException>(() => reader.ReadPlane(0, new byte[15]));
    }
}
