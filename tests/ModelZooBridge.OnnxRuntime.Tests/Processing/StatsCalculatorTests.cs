using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.Tests.Oracles;
using static ModelZooBridge.Tests.Processing.TestTensors;

namespace ModelZooBridge.Tests.Processing;

[Trait("Area", "Processing")]
public sealed class StatsCalculatorTests
{
    private static readonly double[] Percents = [0, 1, 25, 33.3, 50, 99.8, 100];

    [Theory]
    [InlineData(1001)]
    [InlineData(1000)]
    [InlineData(2)]
    [InlineData(1)]
    public void Percentiles_of_all_values_match_numpy_linear(int count)
    {
        var x = Random([count], "x", seed: count);
        var ours = StatsCalculator.Percentiles(x, null, Percents);
        var q = string.Join(",", Percents.Select(p => (p / 100).ToString("R", CultureInfo.InvariantCulture)));
        var expected = NumpyOracle.Run($"out = np.quantile(a, [{q}])", Input("a", x));
        for (int i = 0; i < Percents.Length; i++)
        {
            Assert.Equal([1], ours[i].Shape.ToArray());
            Assert.Equal(expected[i], ours[i].Span[0], 1e-6);
        }
    }

    [Theory]
    [InlineData("y,x", "(1,2)")]
    [InlineData("x", "(2,)")]
    [InlineData("channel,x", "(0,2)")]
    public void Percentiles_mean_and_std_along_axes_match_numpy(string reduced, string numpyAxes)
    {
        var x = Random([3, 17, 20], "channel,y,x", seed: 3);
        var axes = Axes(reduced);
        var percentiles = StatsCalculator.Percentiles(x, axes, [0, 99.8, 50, 100]);
        var mean = StatsCalculator.Mean(x, axes);
        var std = StatsCalculator.Std(x, axes);

        var expectedQ = NumpyOracle.Run($"out = np.quantile(a, [0, 0.998, 0.5, 1.0], axis={numpyAxes}, keepdims=True)", Input("a", x));
        var expectedMean = NumpyOracle.Run($"out = a.astype(np.float64).mean(axis={numpyAxes}, keepdims=True)", Input("a", x));
        var expectedStd = NumpyOracle.Run($"out = a.astype(np.float64).std(axis={numpyAxes}, keepdims=True)", Input("a", x));

        int groups = mean.Span.Length;
        for (int i = 0; i < 4; i++)
            AssertClose(expectedQ.Skip(i * groups).Take(groups).ToArray(), percentiles[i].Span, rtol: 1e-6, atol: 1e-6);
        AssertClose(expectedMean, mean.Span, rtol: 1e-5, atol: 1e-6);
        AssertClose(expectedStd, std.Span, rtol: 1e-5, atol: 1e-6);
        Assert.Equal(x.Axes.ToArray(), mean.Axes.ToArray());
        Assert.Equal(x.Shape.Select((s, d) => axes.Contains(x.Axes[d]) ? 1 : s).ToArray(), mean.Shape.ToArray());
    }

    [Fact]
    public void Std_is_the_population_std_of_a_large_offset_signal()
    {
        // A float32 one-pass formula would lose this; ddof=1 would give sqrt(1000/999).
        var data = Enumerable.Range(0, 1000).Select(i => 10000f + (i % 2 == 0 ? 1f : -1f)).ToArray();
        var std = StatsCalculator.Std(new NdArray<float>(data, [1000], [new AxisId("x")]), null);
        Assert.Equal(1f, std.Span[0], 1e-5f);
    }

    [Fact]
    public void Each_measure_is_computed_once_and_scopes_follow_the_axes()
    {
        var x = Random([2, 5, 6], "channel,y,x", seed: 4);
        var tensors = new Dictionary<string, NdArray> { ["raw"] = x };
        Measure[] measures =
        [
            Measure.Mean("raw", Axes("y,x")),
            Measure.Mean("raw", Axes("y,x")),
            Measure.Percentile("raw", Axes("y,x"), 99.8),
            Measure.Std("raw", null),
            Measure.Mean("raw", Axes("batch,y,x")),
        ];
        var stats = StatsCalculator.Compute(measures, tensors);

        Assert.Equal(4, stats.Measures.Count);
        Assert.IsType<SampleMean>(measures[0]);
        Assert.IsType<SamplePercentile>(measures[2]);
        Assert.IsType<DatasetStd>(measures[3]);
        Assert.IsType<DatasetMean>(measures[4]);
        // "batch" is absent from the tensor: reducing over it is a no-op, so the dataset mean equals the sample mean here.
        Assert.Equal(stats[measures[0]].Span.ToArray(), stats[measures[4]].Span.ToArray());
        Assert.Throws<KeyNotFoundException>(() => stats[Measure.Mean("raw", Axes("x"))]);
    }

    [Fact]
    public void Reducing_over_a_missing_axis_is_an_error()
    {
        var x = Random([2, 5], "y,x", seed: 1);
        Assert.Throws<ArgumentException>(() => StatsCalculator.Mean(x, Axes("z")));
    }
}
