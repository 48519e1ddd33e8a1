using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>
/// Laziness without timing: in <see cref="TiffTestFiles.LazyCorruptPages"/> every page's deflate data except
/// page 7's is garbage, so opening and reading plane 7 can only succeed if nothing else is decoded.
/// </summary>
[Trait("Area", "Tiff")]
public sealed class TiffReaderLazyTests
{
    [Fact]
    public void Open_parses_only_the_ifds_and_a_plane_decodes_only_its_page()
    {
        var fixture = TiffTestFiles.Get(TiffTestFiles.LazyCorruptPages);
        byte[] expected = File.ReadAllBytes(TiffTestFiles.PathOf(fixture.Raw!));
        using var reader = TiffReader.Open(TiffTestFiles.PathOf(TiffTestFiles.LazyCorruptPages));
        Assert.Equal([60, 8, 8], reader.Info.Shape.ToArray());

        var plane = new byte[64];
        reader.ReadPlane(7, plane);
        Assert.Equal(expected.AsSpan(7 * 64, 64).ToArray(), plane);

        var error = Assert.Throws<ImageFormatException>(() => reader.ReadPlane(3, plane));
        Assert.Contains("IFD 3", error.Problem);

        reader.ReadPlane(7, plane);
        Assert.Equal(expected.AsSpan(7 * 64, 64).ToArray(), plane);
    }
}
