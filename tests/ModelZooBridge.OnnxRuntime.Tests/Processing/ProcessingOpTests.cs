using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.Spec;
using ModelZooBridge.Tests.Oracles;
using static ModelZooBridge.Tests.Processing.TestTensors;

namespace ModelZooBridge.Tests.Processing;

/// <summary>Each op against a numpy implementation of the spec §7 formula on random data (fixed seeds).</summary>
[Trait("Area", "Processing")]
public sealed class ProcessingOpTests
{
    private static readonly AxisId Channel = new("channel");

    private static NdArray<float> Image(int seed = 7) => Random([1, 3, 9, 11], "batch,channel,y,x", seed);

    private static NdArray Run(ProcessingOp op, NdArray x, Dictionary<string, NdArray>? others = null)
    {
        var tensors = new Dictionary<string, NdArray>(others ?? []) { [op.TensorId] = x };
        return op.Apply(x, StatsCalculator.Compute(op.RequiredMeasures, tensors));
    }

    [Fact]
    public void Binarize_scalar_and_per_channel()
    {
        var x = Image();
        var scalar = Run(Binarize.FromDescr(new BinarizeDescr(D(0.5)), "raw"), x).As<bool>();
        var perChannel = Run(Binarize.FromDescr(new BinarizeDescr(D(-1.0, 0.0, 2.0), Channel), "raw"), x).As<bool>();
        var expected = NumpyOracle.Run("out = a > 0.5", Input("a", x));
        var expectedPerChannel = NumpyOracle.Run("out = a > np.array([-1.0, 0.0, 2.0], np.float32).reshape(1,3,1,1)", Input("a", x));
        Assert.Equal(expected.Select(v => v != 0), scalar.Span.ToArray());
        Assert.Equal(expectedPerChannel.Select(v => v != 0), perChannel.Span.ToArray());
    }

    [Fact]
    public void Clip_with_values_and_with_percentiles()
    {
        var x = Image();
        var fixedBounds = Run(Clip.FromDescr(new ClipDescr(Min: -1, Max: 2.5), "raw"), x).As<float>();
        AssertClose(NumpyOracle.Run("out = np.clip(a, -1, 2.5)", Input("a", x)), fixedBounds.Span, 0, 0);

        var op = Clip.FromDescr(new ClipDescr(MinPercentile: 5, MaxPercentile: 95, Axes: Axes("y,x")), "raw");
        Assert.Equal(2, op.RequiredMeasures.Count);
        var byPercentile = Run(op, x).As<float>();
        AssertClose(NumpyOracle.Run(
            "lo = np.quantile(a, 0.05, axis=(2,3), keepdims=True); hi = np.quantile(a, 0.95, axis=(2,3), keepdims=True); out = np.clip(a, lo, hi)",
            Input("a", x)), byPercentile.Span, 1e-6, 1e-6);
        Assert.Throws<ArgumentException>(() => Clip.FromDescr(new ClipDescr(), "raw"));
    }

    [Fact]
    public void EnsureDtype_casts_like_numpy_inside_the_range()
    {
        var x = Random([4, 5], "y,x", seed: 2, lo: 0, hi: 250);
        var cast = Run(EnsureDtype.FromDescr(new EnsureDtypeDescr("uint8"), "raw"), x).As<byte>();
        Assert.Equal(NumpyOracle.Run("out = a.astype(np.uint8)", Input("a", x)).Select(v => (byte)v), cast.Span.ToArray());
        var same = Run(EnsureDtype.FromDescr(new EnsureDtypeDescr("float32"), "raw"), x);
        Assert.NotSame(x, same);
        Assert.Throws<NotSupportedException>(() => EnsureDtype.FromDescr(new EnsureDtypeDescr("uint64"), "raw"));
    }

    [Fact]
    public void FixedZeroMeanUnitVariance_per_channel()
    {
        var x = Image();
        var y = Run(FixedZeroMeanUnitVariance.FromDescr(new FixedZeroMeanUnitVarianceDescr(D(0.5, -1, 2), D(1, 2, 0.25), Channel), "raw"), x).As<float>();
        AssertClose(NumpyOracle.Run(
            "m = np.array([0.5,-1,2]).reshape(1,3,1,1); s = np.array([1,2,0.25]).reshape(1,3,1,1); out = (a - m) / (s + 1e-6)",
            Input("a", x)), y.Span);
    }

    [Fact]
    public void ScaleLinear_scalar_and_per_channel()
    {
        var x = Image();
        var scalar = Run(ScaleLinear.FromDescr(new ScaleLinearDescr(D(2.0), D(-0.5)), "raw"), x).As<float>();
        AssertClose(NumpyOracle.Run("out = a * 2.0 - 0.5", Input("a", x)), scalar.Span);
        var perChannel = Run(ScaleLinear.FromDescr(new ScaleLinearDescr(D(1.0, 2.0, 3.0), D(0.0, 10.0, -10.0), Channel), "raw"), x).As<float>();
        AssertClose(NumpyOracle.Run(
            "out = a * np.array([1,2,3.]).reshape(1,3,1,1) + np.array([0,10,-10.]).reshape(1,3,1,1)", Input("a", x)), perChannel.Span);
    }

    [Fact]
    public void ZeroMeanUnitVariance_per_channel_and_over_everything()
    {
        var x = Image();
        var perChannel = ZeroMeanUnitVariance.FromDescr(new ZeroMeanUnitVarianceDescr(Axes("y,x")), "raw");
        Assert.All(perChannel.RequiredMeasures, m => Assert.False(m.IsDatasetScoped));
        AssertClose(NumpyOracle.Run(
            "b = a.astype(np.float64); out = (b - b.mean(axis=(2,3), keepdims=True)) / (b.std(axis=(2,3), keepdims=True) + 1e-6)",
            Input("a", x)), Run(perChannel, x).As<float>().Span);

        var whole = ZeroMeanUnitVariance.FromDescr(new ZeroMeanUnitVarianceDescr(), "raw");
        Assert.All(whole.RequiredMeasures, m => Assert.True(m.IsDatasetScoped));
        AssertClose(NumpyOracle.Run("b = a.astype(np.float64); out = (b - b.mean()) / (b.std() + 1e-6)", Input("a", x)),
            Run(whole, x).As<float>().Span);
    }

    [Fact]
    public void ScaleRange_with_own_and_reference_percentiles()
    {
        var x = Image();
        var reference = Image(seed: 8);
        var own = Run(ScaleRange.FromDescr(new ScaleRangeDescr(Axes("y,x"), 1, 99.8), "raw"), x).As<float>();
        AssertClose(NumpyOracle.Run(
            "b = a.astype(np.float64); lo = np.quantile(b, 0.01, axis=(2,3), keepdims=True); hi = np.quantile(b, 0.998, axis=(2,3), keepdims=True); out = (b - lo) / (hi - lo + 1e-6)",
            Input("a", x)), own.Span);

        var op = ScaleRange.FromDescr(new ScaleRangeDescr(Axes("batch,channel,y,x"), 0, 100, ReferenceTensor: "ref"), "raw");
        Assert.All(op.RequiredMeasures, m => Assert.Equal("ref", m.TensorId));
        var scaled = Run(op, x, new() { ["ref"] = reference }).As<float>();
        AssertClose(NumpyOracle.Run("b = a.astype(np.float64); lo = r.min(); hi = r.max(); out = (b - lo) / (hi - lo + 1e-6)",
            Input("a", x), Input("r", reference)), scaled.Span);
    }

    [Fact]
    public void ScaleMeanVariance_matches_the_reference_statistics()
    {
        var x = Image();
        var reference = Random([1, 3, 9, 11], "batch,channel,y,x", seed: 9, lo: 10, hi: 20);
        var op = ScaleMeanVariance.FromDescr(new ScaleMeanVarianceDescr("ref", Axes("y,x")), "out");
        Assert.Equal(4, op.RequiredMeasures.Count);
        var y = Run(op, x, new() { ["ref"] = reference }).As<float>();
        AssertClose(NumpyOracle.Run(
            "b = a.astype(np.float64); r = r.astype(np.float64); ax=(2,3)\n" +
            "out = (b - b.mean(axis=ax, keepdims=True)) / (b.std(axis=ax, keepdims=True) + 1e-6) * (r.std(axis=ax, keepdims=True) + 1e-6) + r.mean(axis=ax, keepdims=True)",
            Input("a", x), Input("r", reference)), y.Span);
    }

    [Fact]
    public void Sigmoid_and_softmax_along_channel()
    {
        var x = Image();
        AssertClose(NumpyOracle.Run("b = a.astype(np.float64); out = 1 / (1 + np.exp(-b))", Input("a", x)),
            Run(Sigmoid.FromDescr(new SigmoidDescr(), "raw"), x).As<float>().Span, 1e-6, 1e-7);
        var big = Random([2, 4, 5, 6], "batch,channel,y,x", seed: 12, lo: -40, hi: 60);
        var softmax = Run(Softmax.FromDescr(new SoftmaxDescr(Channel), "raw"), big).As<float>();
        AssertClose(NumpyOracle.Run(
            "b = a.astype(np.float64); e = np.exp(b - b.max(axis=1, keepdims=True)); out = e / e.sum(axis=1, keepdims=True)",
            Input("a", big)), softmax.Span, 1e-5, 1e-7);
        Assert.Throws<ArgumentException>(() => Run(Softmax.FromDescr(new SoftmaxDescr(new AxisId("z")), "raw"), big));
    }

    [Fact]
    public void Ops_do_not_modify_their_input()
    {
        var x = Image();
        var before = x.Span.ToArray();
        Run(ScaleLinear.FromDescr(new ScaleLinearDescr(D(2.0), D(1.0)), "raw"), x);
        Run(Softmax.FromDescr(new SoftmaxDescr(Channel), "raw"), x);
        Run(Clip.FromDescr(new ClipDescr(Min: 0), "raw"), x);
        Assert.Equal(before, x.Span.ToArray());
    }
}
