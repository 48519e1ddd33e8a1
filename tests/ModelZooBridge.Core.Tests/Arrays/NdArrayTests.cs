using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Tests.Arrays;

[Trait("Area", "Arrays")]
public sealed class NdArrayTests
{
    private static NdArray<int> Iota(string axes, params int[] shape)
    {
        var array = new NdArray<int>(shape, AxisId.ParseAll(axes));
        for (int i = 0; i < array.Span.Length; i++) array.Span[i] = i;
        return array;
    }

    [Fact]
    public void TransposeByAxisNameMatchesIndexArithmetic()
    {
        var czyx = Iota("czyx", 2, 3, 4, 5);
        var zyxc = czyx.Transpose(AxisId.ParseAll("zyxc")).As<int>();
        Assert.Equal(new[] { 3, 4, 5, 2 }, zyxc.Shape.ToArray());
        Assert.Equal("zyxc", zyxc.AxesString);
        for (int c = 0; c < 2; c++)
            for (int z = 0; z < 3; z++)
                for (int y = 0; y < 4; y++)
                    for (int x = 0; x < 5; x++)
                        Assert.Equal(czyx[c, z, y, x], zyxc[z, y, x, c]);
    }

    [Theory]
    [InlineData(DType.UInt8)]
    [InlineData(DType.Int16)]
    [InlineData(DType.Float64)]
    public void TransposeWorksForEveryElementSize(DType dtype)
    {
        var array = Iota("yx", 3, 4).ConvertTo(dtype);
        var back = array.Transpose(AxisId.ParseAll("xy")).Transpose(AxisId.ParseAll("yx"));
        Assert.True(array.Bytes.SequenceEqual(back.Bytes));
        Assert.Equal(array.ToFloat32().Span.ToArray(), Enumerable.Range(0, 12).Select(i => (float)i));
    }

    [Fact]
    public void TransposeRejectsWhatIsNotAPermutation()
    {
        var array = Iota("zyx", 1, 2, 3);
        Assert.Throws<ArgumentException>(() => array.Transpose(AxisId.ParseAll("zyy")));
        Assert.Throws<ArgumentException>(() => array.Transpose(AxisId.ParseAll("cyx")));
    }

    [Fact]
    public void SqueezeAndExpandDimsByName()
    {
        var array = Iota("bczyx", 1, 1, 3, 4, 5);
        var squeezed = array.Squeeze(AxisId.Channel);
        Assert.Equal("bzyx", squeezed.AxesString);
        Assert.Equal("zyx", array.Squeeze().AxesString);
        Assert.Equal("czyx", array.Squeeze(AxisId.Channel, AxisId.Z).AxesString);
        Assert.Throws<ArgumentException>(() => array.Squeeze(AxisId.Z));
        var expanded = squeezed.ExpandDims(AxisId.Time, 1);
        Assert.Equal("btzyx", expanded.AxesString);
        Assert.Equal(new[] { 1, 1, 3, 4, 5 }, expanded.Shape.ToArray());
    }

    [Fact]
    public void ConversionSaturatesAndTruncates()
    {
        var values = new NdArray<float>(new[] { -3.7f, 0.5f, 254.9f, 300f, float.NaN, 1e20f }, [6], AxisId.ParseAll("x"));
        Assert.Equal(new byte[] { 0, 0, 254, 255, 0, 255 }, values.ConvertTo(DType.UInt8).As<byte>().Span.ToArray());
        Assert.Equal(new short[] { -3, 0, 254, 300, 0, short.MaxValue }, values.ConvertTo(DType.Int16).As<short>().Span.ToArray());
        Assert.Equal(new[] { true, true, true, true, true, true }, values.ConvertTo(DType.Bool).As<bool>().Span.ToArray());
        var zeros = new NdArray<double>(new[] { 0.0, -0.0, 2.0 }, [3], AxisId.ParseAll("x"));
        Assert.Equal(new[] { false, false, true }, zeros.ConvertTo(DType.Bool).As<bool>().Span.ToArray());
    }

    [Fact]
    public void EveryDtypeConvertsToFloat32()
    {
        foreach (var dtype in Enum.GetValues<DType>())
        {
            var source = Iota("x", 2).ConvertTo(dtype);
            Assert.Equal(dtype, source.DType);
            Assert.Equal(new[] { 0f, 1f }, source.ToFloat32().Span.ToArray());
        }
    }

    [Fact]
    public void ConstructorChecksShapeAxesAndLength()
    {
        Assert.Throws<ArgumentException>(() => new NdArray<int>(new int[5], [2, 3], AxisId.ParseAll("yx")));
        Assert.Throws<ArgumentException>(() => new NdArray<int>([2, 3], AxisId.ParseAll("x")));
        Assert.Throws<ArgumentException>(() => new NdArray<int>([2, 3], AxisId.ParseAll("xx")));
        Assert.Throws<InvalidCastException>(() => Iota("x", 1).As<float>());
    }

    [Fact]
    public void DefaultAxesByRank()
    {
        Assert.Equal("yx", AxisId.Format(AxisId.DefaultFor(2)));
        Assert.Equal("czyx", AxisId.Format(AxisId.DefaultFor(4)));
        Assert.Equal("b,channel,y,x", AxisId.Format(AxisId.ParseAll("b,channel,y,x")));
    }

    [Fact]
    public void PlaneLayoutMapsTargetPlanesToSourcePlanes()
    {
        var source = new ImageInfo(DType.UInt8, [2, 3, 4, 5], [.. AxisId.ParseAll("czyx")]);
        var layout = PlaneLayout.Create(source, AxisId.ParseAll("zc"));
        // target plane (z, c) = z * 2 + c comes from source plane c * 3 + z
        for (int z = 0; z < 3; z++)
            for (int c = 0; c < 2; c++)
                Assert.Equal(c * 3 + z, layout.SourcePlane(z * 2 + c));
    }
}
