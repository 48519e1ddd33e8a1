using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.Spec;
using static ModelZooBridge.Tests.Processing.TestTensors;

namespace ModelZooBridge.Tests.Processing;

/// <summary>
/// Streaming statistics against <see cref="StatsCalculator"/> on the whole tensor (itself checked against numpy):
/// percentiles exactly equal, means and standard deviations to float32 rounding, whatever the chunking.
/// </summary>
[Trait("Area", "Processing")]
public sealed class StreamingStatsCalculatorTests
{
    private static readonly double[] Percents = [0, 0.1, 1, 33.3, 50, 99.8, 100];

    public static TheoryData<string?, int[]> Cases => new()
    {
        { null, [7] },
        { "c,y,x", [1, 5, 11] },
        { "y,x", [3] },
        { "z,y,x", [4, 9] },
        { "y,x", [13] },
        { "x", [6] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_data_in_any_chunking_gives_the_whole_tensor_statistics(string? reduced, int[] chunkRows)
    {
        var x = Random([2, 23, 12, 10], "c,z,y,x", seed: 11, lo: -40f, hi: 90f);
        AssertSameAsWhole(x, reduced, chunkAxis: 1, chunkRows);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("z,y,x")]
    public void Integer_valued_data_with_many_ties_gives_exact_percentiles(string? reduced)
    {
        // uint16-like values far from zero with heavy ties: the case scale_range meets on microscopy data.
        var random = new Random(5);
        var data = new float[2 * 31 * 9 * 8];
        for (int i = 0; i < data.Length; i++) data[i] = 10000 + random.Next(0, 40) * (i % 3 == 0 ? 1 : 7);
        var x = new NdArray<float>(data, [2, 31, 9, 8], AxisId.ParseAll("c,z,y,x"));
        AssertSameAsWhole(x, reduced, chunkAxis: 1, [5, 1, 8]);
    }

    private static void AssertSameAsWhole(NdArray<float> x, string? reduced, int chunkAxis, int[] chunkRows)
    {
        EquatableArray<AxisId>? axes = reduced is null ? default(EquatableArray<AxisId>?) : Axes(reduced);
        var measures = new List<Measure> { Measure.Mean("t", axes), Measure.Std("t", axes) };
        measures.AddRange(Percents.Select(p => Measure.Percentile("t", axes, p)));
        var whole = StatsCalculator.Compute(measures, new Dictionary<string, NdArray> { ["t"] = x });

        int calls = 0;
        var streamed = StreamingStatsCalculator.Compute(measures, x.Shape, x.Axes, chunkAxis, () =>
        {
            calls++;
            return Chunks(x, chunkAxis, chunkRows);
        });

        Assert.InRange(calls, 1, 2);
        foreach (var m in measures)
        {
            var expected = whole[m];
            var actual = streamed[m];
            Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
            Assert.Equal(expected.AxesString, actual.AxesString);
            for (int i = 0; i < expected.Span.Length; i++)
            {
                if (m is SamplePercentile or DatasetPercentile)
                    Assert.True(expected.Span[i] == actual.Span[i], $"{m}[{i}]: streamed {actual.Span[i]:R}, whole {expected.Span[i]:R}");
                else
                    Assert.True(Math.Abs(expected.Span[i] - actual.Span[i]) <= 2e-6 * Math.Max(1, Math.Abs(expected.Span[i])), $"{m}[{i}]: streamed {actual.Span[i]:R}, whole {expected.Span[i]:R}");
            }
        }
    }

    /// <summary>Cuts <paramref name="x"/> along <paramref name="axis"/> into chunks of the given row counts, cycling.</summary>
    private static IEnumerable<(int, NdArray<float>)> Chunks(NdArray<float> x, int axis, int[] rows)
    {
        long inner = NdArray.ElementCount(x.Shape.AsSpan()[(axis + 1)..]);
        long outer = NdArray.ElementCount(x.Shape.AsSpan()[..axis]);
        int size = x.Shape[axis];
        for (int start = 0, k = 0; start < size; k++)
        {
            int stop = Math.Min(size, start + rows[k % rows.Length]);
            var shape = x.Shape.ToArray();
            shape[axis] = stop - start;
            var chunk = new NdArray<float>(shape, x.Axes.AsSpan());
            for (long o = 0; o < outer; o++)
            {
                x.Span.Slice((int)((o * size + start) * inner), (int)((stop - start) * inner))
                    .CopyTo(chunk.Span.Slice((int)(o * (stop - start) * inner)));
            }
            yield return (start, chunk);
            start = stop;
        }
    }
}
