using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Tiling;

[Trait("Area", "Tiling")]
public sealed class ReflectPadTests
{
    [Fact]
    public void MapIndex_matches_numpy_reflect_including_pads_wider_than_the_axis()
    {
        for (int size = 1; size <= 5; size++)
        {
            const int pad = 13;
            var expected = NumpyOracle.Run(
                $"out = np.pad(np.arange({size}), {pad}, mode='reflect')");
            var actual = Enumerable.Range(-pad, size + 2 * pad).Select(i => (double)ReflectPad.MapIndex(i, size)).ToArray();
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(new[] { 7, 5 }, new[] { 2, 3, 4, 1 })]
    [InlineData(new[] { 3, 4 }, new[] { 7, 0, 9, 5 })]
    [InlineData(new[] { 2, 3, 5 }, new[] { 1, 4, 0, 2, 6, 6 })]
    [InlineData(new[] { 1, 6 }, new[] { 2, 2, 0, 0 })]
    public void Pad_matches_numpy(int[] shape, int[] widths)
    {
        var data = NumpyOracle.Random((int)NdArray.ElementCount(shape), seed: 11);
        var array = new NdArray<float>(data, shape, AxisId.DefaultFor(shape.Length));
        var padding = Enumerable.Range(0, shape.Length).Select(d => new PadWidth(widths[2 * d], widths[2 * d + 1])).ToArray();

        var padded = ReflectPad.Pad(array, padding);

        string pw = string.Join(",", padding.Select(p => string.Create(CultureInfo.InvariantCulture, $"({p.Before},{p.After})")));
        var expected = NumpyOracle.Run($"out = np.pad(a, [{pw}], mode='reflect')", ("a", data, shape));
        Assert.Equal(expected.Select(v => (float)v).ToArray(), padded.Span.ToArray());
        Assert.Equal(shape.Select((s, d) => s + widths[2 * d] + widths[2 * d + 1]), padded.Shape);
    }

    [Fact]
    public void Extract_checks_the_destination_length()
    {
        var array = new NdArray<float>([2, 2], AxisId.DefaultFor(2));
        Assert.Throws<ArgumentException>(() => ReflectPad.Extract(array, [0, 0], [2, 2], new float[3]));
    }
}
