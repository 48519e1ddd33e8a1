using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;


namespace ModelZooBridge.Tests.Imaging.Npy;

/// <summary>Reads the files numpy wrote (<c>Fixtures/npy/make_fixtures.py</c>) and compares with numpy's own values.</summary>
[Trait("Area", "Npy")]
public sealed class NpyFixtureTests
{
    private static GeneratedFixtures Fixtures => GeneratedFixtures.Npy;

    public static TheoryData<string> Readable() => [.. Fixtures.Manifest.Where(m => m[1] == "ok").Select(m => m[0])];

    public static TheoryData<string> Refused() => [.. Fixtures.Manifest.Where(m => m[1] == "err").Select(m => m[0])];

    [Theory]
    [MemberData(nameof(Readable))]
    public void Read_path_matches_numpy(string name)
    {
        using var array = NpyFile.Read(Fixtures.PathOf(name, ".npy"));
        AssertMatches(name, array);
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Read_stream_matches_numpy(string name)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf(name, ".npy"));
        AssertMatches(name, NpyFile.Read(new MemoryStream(bytes), name));
        AssertMatches(name, NpyFile.Read(new ForwardOnlyStream(bytes), name));
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Reader_planes_match_numpy(string name)
    {
        var entry = Fixtures.Entry(name);
        var expected = File.ReadAllBytes(Fixtures.PathOf(name, ".raw"));
        using var reader = NpyReader.Open(Fixtures.PathOf(name, ".npy"));
        Assert.Equal(entry[2], reader.Info.DType.Name());
        Assert.Equal(ParseShape(entry[3]), reader.Info.Shape.ToArray());
        Assert.Equal(AxisId.DefaultFor(reader.Info.Shape.Length), reader.Info.Axes.ToArray());
        var plane = new byte[reader.Info.PlaneBytes];
        for (long p = reader.Info.PlaneCount - 1; p >= 0; p--)
        {
            reader.ReadPlane(p, plane);
            Assert.Equal(expected.AsSpan((int)(p * plane.Length), plane.Length).ToArray(), plane);
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Unsupported_and_malformed_files_are_refused_with_a_clear_message(string name)
    {
        var message = Fixtures.Entry(name)[2];
        var path = Fixtures.PathOf(name, ".npy");
        var fromPath = Assert.Throws<ImageFormatException>(() => NpyFile.Read(path));
        Assert.Contains(message, fromPath.Problem);
        Assert.Equal(path, fromPath.FilePath);
        var fromStream = Assert.Throws<ImageFormatException>(() => NpyFile.Read(new MemoryStream(File.ReadAllBytes(path)), "entry.npy"));
        Assert.Contains(message, fromStream.Problem);
        Assert.Equal("entry.npy", fromStream.FilePath);
        Assert.DoesNotContain('\n', fromStream.Message);
    }

    [Fact]
    public void Explicit_axes_replace_the_defaults_and_must_match_the_rank()
    {
        var path = Fixtures.PathOf("rank5_float32", ".npy");
        using var reader = NpyReader.Open(path, AxisId.ParseAll("tczyx"));
        Assert.Equal("tczyx", reader.Info.AxesString);
        Assert.Throws<ArgumentException>(() => NpyReader.Open(path, AxisId.ParseAll("zyx")));
    }

    [Fact]
    public void Reader_reports_file_layout()
    {
        using var fortran = NpyReader.Open(Fixtures.PathOf("fortran_int16_rank3", ".npy"));
        Assert.True(fortran.FortranOrder);
        Assert.True(fortran.BigEndian);
        using var plain = NpyReader.Open(Fixtures.PathOf("dtype_int16_le", ".npy"));
        Assert.False(plain.FortranOrder);
        Assert.False(plain.BigEndian);
    }

    private static void AssertMatches(string name, NdArray array)
    {
        var entry = Fixtures.Entry(name);
        Assert.Equal(entry[2], array.DType.Name());
        Assert.Equal(ParseShape(entry[3]), array.Shape.ToArray());
        Assert.Equal(File.ReadAllBytes(Fixtures.PathOf(name, ".raw")), array.Bytes.ToArray());
    }

    internal static int[] ParseShape(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(int.Parse).ToArray();
}
