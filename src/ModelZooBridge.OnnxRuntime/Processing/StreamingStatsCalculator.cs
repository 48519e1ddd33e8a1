using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// Computes measures of one tensor that is only ever seen in chunks along one axis (a volume streamed slab by slab),
/// with the results <see cref="StatsCalculator"/> gives on the whole tensor:
/// <list type="bullet">
/// <item>Measures that keep the chunk axis (e.g. per-plane statistics) are computed per chunk by <see cref="StatsCalculator"/> itself.</item>
/// <item>Means and population standard deviations of reduced groups accumulate shifted sums <c>Σ(x − K)</c> and
/// <c>Σ(x − K)²</c> in double (<c>K</c> the group's first value; float32 chunk sums of 1024 as in
/// <see cref="StatsCalculator"/>), so they agree with it to float32 rounding.</item>
/// <item>Percentiles are exact: numpy's <c>linear</c> method needs two order statistics, found by a radix selection
/// on the float32 bit patterns in two passes: a histogram of the upper 16 bits locates each rank's bucket, a histogram
/// of the lower 16 bits inside that bucket gives the value. Exact for any float32 data, integer or not.</item>
/// </list>
/// The caller supplies the chunks through a callback that may be called twice (the second pass only when a reduced
/// group has percentiles). Inputs are assumed NaN-free, as in <see cref="StatsCalculator"/>.
/// </summary>
public static class StreamingStatsCalculator
{
    private const int Buckets = 1 << 16;
    private const int Chunk = 1024;

    /// <summary>Computes <paramref name="measures"/> of a tensor of <paramref name="shape"/> and <paramref name="axes"/>.</summary>
    /// <param name="measures">Measures of this tensor only.</param>
    /// <param name="shape">The whole tensor's shape.</param>
    /// <param name="axes">The tensor's axes (what measures name).</param>
    /// <param name="chunkAxis">The axis along which chunks are cut; every chunk is whole along the other axes.</param>
    /// <param name="chunks">Yields (first index along <paramref name="chunkAxis"/>, chunk) pairs covering the tensor once, in any order.</param>
    /// <returns>The measures, shaped as <see cref="StatsCalculator.Compute"/> shapes them.</returns>
    public static Stats Compute(IEnumerable<Measure> measures, IReadOnlyList<int> shape, IReadOnlyList<AxisId> axes, int chunkAxis,
        Func<IEnumerable<(int Start, NdArray<float> Chunk)>> chunks)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkAxis);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkAxis, shape.Count);
        var probe = new NdArray<float>(new int[shape.Count].Select(_ => 1).ToArray(), [.. axes]);
        var groups = measures.Distinct().GroupBy(m => m.Axes)
            .Select(g => new GroupSet([.. g], StatsCalculator.ReducedAxes(probe, g.Key), shape, axes, chunkAxis))
            .ToArray();
        foreach (var (start, chunk) in chunks())
        {
            foreach (var set in groups) set.FirstPass(chunk, start);
        }
        if (groups.Any(g => g.NeedsSecondPass))
        {
            foreach (var set in groups) set.PrepareSecondPass();
            foreach (var (_, chunk) in chunks())
            {
                foreach (var set in groups) set.SecondPass(chunk);
            }
        }
        var values = new Dictionary<Measure, NdArray<float>>();
        foreach (var set in groups) set.Collect(values);
        return new Stats(values);
    }

    /// <summary>The sortable key of a float: unsigned order equals numeric order (−0 just below +0).</summary>
    private static uint Key(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromKey(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);

    /// <summary>The measures sharing one set of reduced axes.</summary>
    private sealed class GroupSet
    {
        private readonly Measure[] _measures;
        private readonly bool[] _reduced;
        private readonly int[] _resultShape;
        private readonly AxisId[] _axes;
        private readonly int _chunkAxis;
        private readonly bool _perChunk;
        private readonly Dictionary<Measure, NdArray<float>> _results = [];
        private readonly double[] _shift;
        private readonly double[] _sum;
        private readonly double[] _squares;
        private readonly long[] _count;
        private readonly long[][]? _upper;
        private readonly bool _moments;
        private Dictionary<(int Group, int Bucket), long[]>? _lower;

        public GroupSet(Measure[] measures, bool[] reduced, IReadOnlyList<int> shape, IReadOnlyList<AxisId> axes, int chunkAxis)
        {
            _measures = measures;
            _reduced = reduced;
            _axes = [.. axes];
            _chunkAxis = chunkAxis;
            _resultShape = [.. shape.Select((s, d) => reduced[d] ? 1 : s)];
            _perChunk = !reduced[chunkAxis];
            foreach (var m in measures) _results[m] = new NdArray<float>(_resultShape, _axes);
            int groups = _perChunk ? 0 : (int)NdArray.ElementCount(_resultShape);
            _shift = new double[groups];
            _sum = new double[groups];
            _squares = new double[groups];
            _count = new long[groups];
            _moments = measures.Any(m => m is not (SamplePercentile or DatasetPercentile));
            if (!_perChunk && measures.Any(m => m is SamplePercentile or DatasetPercentile))
                _upper = [.. Enumerable.Range(0, groups).Select(_ => new long[Buckets])];
        }

        public bool NeedsSecondPass => _upper is not null;

        public void FirstPass(NdArray<float> chunk, int start)
        {
            if (_perChunk)
            {
                var tensors = new Dictionary<string, NdArray> { [_measures[0].TensorId] = chunk };
                var local = StatsCalculator.Compute(_measures, tensors);
                foreach (var m in _measures) CopyRows(local[m], _results[m], start);
                return;
            }
            var (memory, length) = Grouped(chunk);
            var data = memory.Span;
            Span<float> scratch = stackalloc float[Chunk];
            for (int g = 0; g < _count.Length; g++)
            {
                var values = data.Slice(g * length, length);
                if (values.IsEmpty) continue;
                if (_count[g] == 0) _shift[g] = values[0];
                _count[g] += values.Length;
                if (_moments)
                {
                    for (int i = 0; i < values.Length; i += Chunk)
                    {
                        var part = values.Slice(i, Math.Min(Chunk, values.Length - i));
                        var deviation = scratch[..part.Length];
                        TensorPrimitives.Subtract(part, (float)_shift[g], deviation);
                        _sum[g] += TensorPrimitives.Sum<float>(deviation);
                        _squares[g] += TensorPrimitives.SumOfSquares<float>(deviation);
                    }
                }
                if (_upper is not null)
                {
                    var histogram = _upper[g];
                    foreach (float v in values) histogram[Key(v) >> 16]++;
                }
            }
        }

        public void PrepareSecondPass()
        {
            if (_upper is null) return;
            _lower = [];
            for (int g = 0; g < _count.Length; g++)
            {
                foreach (long rank in Ranks(g))
                {
                    var (bucket, _) = Locate(_upper[g], rank);
                    _lower.TryAdd((g, bucket), new long[Buckets]);
                }
            }
        }

        public void SecondPass(NdArray<float> chunk)
        {
            if (_lower is null) return;
            var (memory, length) = Grouped(chunk);
            var data = memory.Span;
            for (int g = 0; g < _count.Length; g++)
            {
                var wanted = _lower.Where(e => e.Key.Group == g).Select(e => (Bucket: (uint)e.Key.Bucket, Histogram: e.Value)).ToArray();
                foreach (float v in data.Slice(g * length, length))
                {
                    uint key = Key(v);
                    uint bucket = key >> 16;
                    foreach (var (b, histogram) in wanted)
                    {
                        if (b == bucket) histogram[key & 0xFFFF]++;
                    }
                }
            }
        }

        public void Collect(Dictionary<Measure, NdArray<float>> values)
        {
            if (!_perChunk)
            {
                for (int g = 0; g < _count.Length; g++)
                {
                    if (_count[g] == 0) throw new InvalidOperationException("the chunks did not cover the tensor");
                    double mean = _sum[g] / _count[g];
                    double variance = Math.Max(0, _squares[g] / _count[g] - mean * mean);
                    foreach (var m in _measures)
                    {
                        _results[m].Span[g] = m switch
                        {
                            SampleMean or DatasetMean => (float)(_shift[g] + mean),
                            SampleStd or DatasetStd => (float)Math.Sqrt(variance),
                            SamplePercentile or DatasetPercentile => (float)Percentile(g, StatsCalculator.PercentOf(m) / 100.0),
                            _ => throw new NotSupportedException($"unknown measure {m}"),
                        };
                    }
                }
            }
            foreach (var (m, v) in _results) values[m] = v;
        }

        private IEnumerable<long> Ranks(int g) => _measures
            .Where(m => m is SamplePercentile or DatasetPercentile)
            .SelectMany(m =>
            {
                var (lo, hi, _) = StatsCalculator.QuantileRanks(_count[g], StatsCalculator.PercentOf(m) / 100.0);
                return new[] { lo, hi };
            });

        private double Percentile(int g, double q)
        {
            var (lo, hi, gamma) = StatsCalculator.QuantileRanks(_count[g], q);
            return StatsCalculator.Interpolate(OrderStatistic(g, lo), OrderStatistic(g, hi), gamma);
        }

        private float OrderStatistic(int g, long rank)
        {
            var (bucket, within) = Locate(_upper![g], rank);
            var (low, _) = Locate(_lower![(g, bucket)], within);
            return FromKey(((uint)bucket << 16) | (uint)low);
        }

        /// <summary>The bucket holding the value of 0-based <paramref name="rank"/>, and its rank inside the bucket.</summary>
        private static (int Bucket, long Within) Locate(long[] histogram, long rank)
        {
            long seen = 0;
            for (int b = 0; b < histogram.Length; b++)
            {
                if (rank < seen + histogram[b]) return (b, rank - seen);
                seen += histogram[b];
            }
            throw new InvalidOperationException($"rank {rank} beyond the {seen} values counted");
        }

        /// <summary>The chunk with its kept axes first, so each group's values are contiguous, and the group length.</summary>
        private (ReadOnlyMemory<float> Data, int Length) Grouped(NdArray<float> chunk)
        {
            var order = Enumerable.Range(0, chunk.Rank).Where(d => !_reduced[d]).Concat(Enumerable.Range(0, chunk.Rank).Where(d => _reduced[d])).ToArray();
            var moved = order.Select((d, i) => d == i).All(b => b) ? chunk : (NdArray<float>)chunk.Transpose(order);
            return (moved.Memory, (int)(chunk.Length / Math.Max(1, _count.Length)));
        }

        /// <summary>Copies a chunk's keepdims result into rows <c>[start, start + rows)</c> of the whole result along the chunk axis.</summary>
        private void CopyRows(NdArray<float> local, NdArray<float> whole, int start)
        {
            long inner = NdArray.ElementCount(_resultShape.AsSpan(_chunkAxis + 1));
            int rows = local.Shape[_chunkAxis];
            long outer = local.Length / (rows * inner);
            for (long o = 0; o < outer; o++)
            {
                local.Span.Slice((int)(o * rows * inner), (int)(rows * inner))
                    .CopyTo(whole.Span.Slice((int)((o * _resultShape[_chunkAxis] + start) * inner)));
            }
        }
    }
}
