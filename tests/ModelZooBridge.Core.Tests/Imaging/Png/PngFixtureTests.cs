using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Png;

namespace ModelZooBridge.Tests.Imaging.Png;

/// <summary>Reads the PNGs that PIL and the independent zlib encoder wrote (<c>Fixtures/png/make_fixtures.py</c>).</summary>
[Trait("Area", "Png")]
public sealed class PngFixtureTests
{
    private static GeneratedFixtures Fixtures => GeneratedFixtures.Png;

    public static TheoryData<string> All() => [.. Fixtures.Manifest.Select(m => m[0])];

    [Theory]
    [MemberData(nameof(All))]
    public void Decoded_samples_match_the_oracle(string name)
    {
        var entry = Fixtures.Entry(name);
        var expected = File.ReadAllBytes(Fixtures.PathOf(name, ".raw"));
        using var reader = PngReader.Open(Fixtures.PathOf(name, ".png"));
        Assert.Equal(entry[1], reader.Info.DType.Name());
        Assert.Equal(entry[2].Split(',').Select(int.Parse), reader.Info.Shape);
        Assert.Equal(entry[3], reader.Info.AxesString);
        Assert.Equal(expected, reader.ReadAll().Bytes.ToArray());
        var plane = new byte[reader.Info.PlaneBytes];
        for (long p = 0; p < reader.Info.PlaneCount; p++)
        {
            reader.ReadPlane(p, plane);
            Assert.Equal(expected.AsSpan((int)(p * plane.Length), plane.Length).ToArray(), plane);
        }
    }

    [Fact]
    public void One_bit_gray_keeps_stored_values()
    {
        using var reader = PngReader.Open(Fixtures.PathOf("pil_gray1", ".png"));
        var values = reader.ReadAll().As<byte>().Span.ToArray();
        Assert.Equal(new byte[] { 0, 1 }, values.Distinct().Order().ToArray());
    }

    [Fact]
    public void Palette_with_transparency_becomes_rgba_and_without_it_rgb()
    {
        using var rgba = PngReader.Open(Fixtures.PathOf("pil_palette_trns", ".png"));
        Assert.Equal(4, rgba.Info.Shape[0]);
        using var rgb = PngReader.Open(Fixtures.PathOf("pil_palette8", ".png"));
        Assert.Equal(3, rgb.Info.Shape[0]);
    }
}
