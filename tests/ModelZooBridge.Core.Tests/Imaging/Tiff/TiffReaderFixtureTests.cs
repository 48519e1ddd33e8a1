using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>
/// Decodes every fixture and compares it exactly with the pixels, axes and calibration the oracles recorded
/// (tifffile's arrays, tiffcp round-trips, ImageJ macros with formula pixels).
/// </summary>
[Trait("Area", "Tiff")]
public sealed class TiffReaderFixtureTests
{
    /// <summary>Fixtures with expected pixels.</summary>
    public static TheoryData<string> Readable() => new(TiffTestFiles.Manifest.Where(f => f.Error is null).Select(f => f.File));

    /// <summary>Fixtures that must be rejected.</summary>
    public static TheoryData<string> Rejected() => new(TiffTestFiles.Manifest.Where(f => f.Error is not null).Select(f => f.File));

    [Theory]
    [MemberData(nameof(Readable))]
    public void Reads_pixels_axes_and_calibration(string name)
    {
        var fixture = TiffTestFiles.Get(name);
        using var reader = TiffReader.Open(TiffTestFiles.PathOf(name));
        var info = reader.Info;

        Assert.Equal(fixture.Axes, info.AxesString);
        Assert.Equal(fixture.Shape, info.Shape.ToArray());
        Assert.True(DTypes.TryParse(fixture.DType!, out var dtype));
        Assert.Equal(dtype, info.DType);
        AssertCalibration(fixture.Calibration, info.Calibration);

        byte[] expected = File.ReadAllBytes(TiffTestFiles.PathOf(fixture.Raw!));
        Assert.Equal(info.TotalBytes, expected.LongLength);
        var plane = new byte[info.PlaneBytes];
        long first = fixture.OnlyPlane ?? 0, last = fixture.OnlyPlane ?? info.PlaneCount - 1;
        for (long p = first; p <= last; p++)
        {
            reader.ReadPlane(p, plane);
            var want = expected.AsSpan((int)(p * info.PlaneBytes), (int)info.PlaneBytes);
            if (!want.SequenceEqual(plane))
            {
                int at = want.CommonPrefixLength(plane);
                Assert.Fail($"{name}: plane {p} differs first at byte {at} (expected {want[at]}, got {plane[at]})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_with_a_message_naming_the_problem(string name)
    {
        var fixture = TiffTestFiles.Get(name);
        var error = Assert.Throws<ImageFormatException>(() =>
        {
            using var reader = TiffReader.Open(TiffTestFiles.PathOf(name));
            var plane = new byte[reader.Info.PlaneBytes];
            for (long p = 0; p < reader.Info.PlaneCount; p++) reader.ReadPlane(p, plane);
        });
        Assert.Contains(fixture.Error!, error.Message);
        Assert.Equal(TiffTestFiles.PathOf(name), error.FilePath);
    }

    [Fact]
    public void Jpeg_error_names_the_compression_and_its_code()
    {
        var error = Assert.Throws<ImageFormatException>(() => TiffReader.Open(TiffTestFiles.PathOf(TiffTestFiles.Jpeg)));
        Assert.Equal("compression JPEG (7) is not supported", error.Problem);
    }

    [Fact]
    public void Reading_channels_of_an_interleaved_page_in_any_order_gives_the_same_planes()
    {
        var fixture = TiffTestFiles.Get(TiffTestFiles.RgbContiguous);
        byte[] expected = File.ReadAllBytes(TiffTestFiles.PathOf(fixture.Raw!));
        using var reader = TiffReader.Open(TiffTestFiles.PathOf(TiffTestFiles.RgbContiguous));
        var plane = new byte[reader.Info.PlaneBytes];
        foreach (long p in new long[] { 2, 0, 1, 1, 2 })
        {
            reader.ReadPlane(p, plane);
            Assert.True(expected.AsSpan((int)(p * plane.Length), plane.Length).SequenceEqual(plane), $"plane {p}");
        }
    }

    private static void AssertCalibration(TiffExpectedCalibration? expected, Calibration actual)
    {
        if (expected is null)
        {
            Assert.True(actual.IsNone, $"expected no calibration, got {actual}");
            return;
        }
        Assert.Equal(expected.PixelWidth, actual.PixelWidth, 9);
        Assert.Equal(expected.PixelHeight, actual.PixelHeight, 9);
        Assert.Equal(expected.PixelDepth, actual.PixelDepth, 9);
        Assert.Equal(expected.Unit, actual.Unit);
        Assert.Equal(expected.FrameInterval, actual.FrameInterval, 9);
        Assert.Equal(expected.TimeUnit, actual.TimeUnit);
    }
}
