using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// Computes measures (bioimage.io core's <c>stat_calculators</c>): each distinct measure once, percentiles of one
/// tensor and axis set from one sorted copy. Means and population standard deviations accumulate float32 chunk sums
/// (<see cref="TensorPrimitives"/>) in double; percentiles follow numpy's default <c>linear</c> method
/// (virtual index <c>(n − 1)·q</c>, numpy's two-sided lerp). Inputs are assumed NaN-free.
/// </summary>
public static class StatsCalculator
{
    private const int Chunk = 1024;

    /// <summary>Computes <paramref name="measures"/> on the tensors of one sample.</summary>
    /// <param name="measures">What to compute; duplicates are computed once.</param>
    /// <param name="tensors">The sample's tensors by id.</param>
    public static Stats Compute(IEnumerable<Measure> measures, IReadOnlyDictionary<string, NdArray> tensors)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(tensors);
        var values = new Dictionary<Measure, NdArray<float>>();
        var unique = measures.Distinct().ToList();
        foreach (var group in unique.GroupBy(m => (m.TensorId, m.Axes)))
        {
            if (!tensors.TryGetValue(group.Key.TensorId, out var tensor))
                throw new KeyNotFoundException($"measure of tensor '{group.Key.TensorId}', which the sample does not have ({string.Join(", ", tensors.Keys)})");
            var x = tensor.ToFloat32();
            var axes = group.Key.Axes;
            var percentiles = group.Where(m => m is SamplePercentile or DatasetPercentile).ToList();
            if (percentiles.Count > 0)
            {
                var results = Percentiles(x, axes, percentiles.Select(PercentOf).ToArray());
                for (int i = 0; i < percentiles.Count; i++) values[percentiles[i]] = results[i];
            }
            foreach (var m in group)
            {
                if (m is SampleMean or DatasetMean) values[m] = Mean(x, axes);
                else if (m is SampleStd or DatasetStd) values[m] = Std(x, axes);
                else if (m is not (SamplePercentile or DatasetPercentile)) throw new NotSupportedException($"unknown measure {m}");
            }
        }
        return new Stats(values);
    }

    /// <summary>Mean over <paramref name="axes"/> (all when null), keepdims.</summary>
    public static NdArray<float> Mean(NdArray<float> x, EquatableArray<AxisId>? axes)
    {
        var (groups, length, result) = Prepare(x, axes);
        var values = result.Span;
        for (int g = 0; g < values.Length; g++) values[g] = (float)MeanOf(groups.Span.Slice(g * length, length));
        return result;
    }

    /// <summary>Population standard deviation (ddof 0) over <paramref name="axes"/> (all when null), keepdims.</summary>
    public static NdArray<float> Std(NdArray<float> x, EquatableArray<AxisId>? axes)
    {
        var (groups, length, result) = Prepare(x, axes);
        var values = result.Span;
        var scratch = new float[Math.Min(Chunk, Math.Max(1, length))];
        for (int g = 0; g < values.Length; g++)
        {
            var span = groups.Span.Slice(g * length, length);
            double mean = MeanOf(span);
            double squares = 0;
            // Deviations from the float32 mean: their squares carry the variance plus (mean − float32 mean)², negligible.
            for (int i = 0; i < span.Length; i += Chunk)
            {
                var part = span.Slice(i, Math.Min(Chunk, span.Length - i));
                var deviation = scratch.AsSpan(0, part.Length);
                TensorPrimitives.Subtract(part, (float)mean, deviation);
                squares += TensorPrimitives.SumOfSquares<float>(deviation);
            }
            values[g] = (float)Math.Sqrt(squares / span.Length);
        }
        return result;
    }

    /// <summary>Percentiles (0–100) over <paramref name="axes"/> (all when null), keepdims, one array per percentile.</summary>
    public static NdArray<float>[] Percentiles(NdArray<float> x, EquatableArray<AxisId>? axes, IReadOnlyList<double> percents)
    {
        ArgumentNullException.ThrowIfNull(percents);
        foreach (double p in percents)
        {
            if (!(p >= 0 && p <= 100)) throw new ArgumentOutOfRangeException(nameof(percents), p, "percentiles lie in 0..100");
        }
        if (percents.Count == 0) return [];
        var (groups, length, first) = Prepare(x, axes);
        var results = new NdArray<float>[percents.Count];
        results[0] = first;
        for (int i = 1; i < results.Length; i++) results[i] = new NdArray<float>(first.Shape.AsSpan(), first.Axes.AsSpan());
        var sorted = new float[length];
        for (int g = 0; g < first.Span.Length; g++)
        {
            groups.Span.Slice(g * length, length).CopyTo(sorted);
            Array.Sort(sorted);
            for (int i = 0; i < results.Length; i++) results[i].Span[g] = (float)Quantile(sorted, percents[i] / 100.0);
        }
        return results;
    }

    /// <summary>numpy's <c>quantile(..., method="linear")</c> of sorted values.</summary>
    public static double Quantile(ReadOnlySpan<float> sorted, double q)
    {
        if (sorted.IsEmpty) throw new ArgumentException("no values", nameof(sorted));
        var (lo, hi, gamma) = QuantileRanks(sorted.Length, q);
        return Interpolate(sorted[(int)lo], sorted[(int)hi], gamma);
    }

    /// <summary>
    /// The two order statistics (0-based ranks among <paramref name="n"/> values) numpy's <c>linear</c> quantile
    /// interpolates between, and the weight of the upper one.
    /// </summary>
    internal static (long Lower, long Upper, double Gamma) QuantileRanks(long n, double q)
    {
        // numpy: virtual index n·q + (α + q·(1 − α − β)) − 1 with α = β = 1.
        double virtualIndex = n * q + (1 + q * (1 - 1 - 1)) - 1;
        double previous = Math.Floor(virtualIndex);
        return ((long)Math.Clamp(previous, 0, n - 1), (long)Math.Clamp(previous + 1, 0, n - 1), virtualIndex - previous);
    }

    /// <summary>numpy's two-sided lerp between the order statistics <see cref="QuantileRanks"/> names.</summary>
    internal static double Interpolate(double a, double b, double gamma)
    {
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /// <summary>The value of a percentile measure (0–100).</summary>
    internal static double PercentOf(Measure m) => m switch
    {
        SamplePercentile p => p.Percent,
        DatasetPercentile p => p.Percent,
        _ => throw new ArgumentException($"{m} is not a percentile", nameof(m)),
    };

    /// <summary>Which axes of <paramref name="x"/> a measure over <paramref name="axes"/> (all when null) reduces.</summary>
    internal static bool[] ReducedAxes(NdArray x, EquatableArray<AxisId>? axes)
    {
        ArgumentNullException.ThrowIfNull(x);
        var reduced = new bool[x.Rank];
        if (axes is not { } list)
        {
            Array.Fill(reduced, true);
            return reduced;
        }
        foreach (var axis in list)
        {
            int index = x.IndexOf(axis);
            if (index >= 0) reduced[index] = true;
            else if (axis != Measure.BatchAxis)
                throw new ArgumentException($"tensor with axes '{x.AxesString}' has no axis '{axis}' to reduce over", nameof(axes));
        }
        return reduced;
    }

    /// <summary>
    /// Mean in two passes: float32 chunk sums give an estimate <c>m0</c>, then the chunk sums of <c>x − m0</c> (small
    /// numbers, little rounding) correct it. Accurate for signals far from zero (e.g. 10000 ± 1), unlike one float pass.
    /// </summary>
    private static double MeanOf(ReadOnlySpan<float> span)
    {
        if (span.IsEmpty) return double.NaN;
        double sum = 0;
        for (int i = 0; i < span.Length; i += Chunk) sum += TensorPrimitives.Sum(span.Slice(i, Math.Min(Chunk, span.Length - i)));
        float estimate = (float)(sum / span.Length);
        Span<float> deviation = stackalloc float[Math.Min(Chunk, span.Length)];
        double correction = 0;
        for (int i = 0; i < span.Length; i += Chunk)
        {
            var part = span.Slice(i, Math.Min(Chunk, span.Length - i));
            TensorPrimitives.Subtract(part, estimate, deviation[..part.Length]);
            correction += TensorPrimitives.Sum<float>(deviation[..part.Length]);
        }
        return estimate + correction / span.Length;
    }

    /// <summary>Moves the reduced axes last so each kept index owns one contiguous group; makes the keepdims result.</summary>
    private static (ReadOnlyMemory<float> Groups, int Length, NdArray<float> Result) Prepare(NdArray<float> x, EquatableArray<AxisId>? axes)
    {
        var reduced = ReducedAxes(x, axes);
        var order = Enumerable.Range(0, x.Rank).Where(d => !reduced[d]).Concat(Enumerable.Range(0, x.Rank).Where(d => reduced[d])).ToArray();
        bool identity = order.Select((d, i) => d == i).All(b => b);
        var moved = identity ? x : (NdArray<float>)x.Transpose(order);
        var shape = x.Shape.Select((s, d) => reduced[d] ? 1 : s).ToArray();
        var result = new NdArray<float>(shape, x.Axes.AsSpan());
        int length = (int)(x.Length / Math.Max(1, result.Length));
        return (moved.Memory, length, result);
    }
}
