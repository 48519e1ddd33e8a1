using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.Spec;
using ModelZooBridge.Tests.Oracles;
using static ModelZooBridge.Tests.Processing.TestTensors;

namespace ModelZooBridge.Tests.Processing;

[Trait("Area", "Processing")]
public sealed class ProcessingPipelineTests
{
    [Fact]
    public void Preprocessing_runs_in_order_on_the_whole_image()
    {
        var tensor = new InputTensorDescr("raw", default, default, Preprocessing: new ProcessingDescr[]
        {
            new EnsureDtypeDescr("float32"),
            new ScaleRangeDescr(Axes("y,x"), 1, 99.8),
            new ClipDescr(Min: 0, Max: 1),
            new ScaleLinearDescr(D(2.0), D(0.0)),
            new ZeroMeanUnitVarianceDescr(Axes("channel,y,x")),
        });
        var pipeline = ProcessingPipeline.FromDescr(tensor);
        Assert.Equal(["EnsureDtype", "ScaleRange", "Clip", "ScaleLinear", "ZeroMeanUnitVariance"], pipeline.Ops.Select(o => o.GetType().Name));
        Assert.Equal(4, pipeline.RequiredMeasures.Count);

        var x = Random([1, 2, 16, 13], "batch,channel,y,x", seed: 21, lo: 0, hi: 1000);
        var y = pipeline.Apply(new Dictionary<string, NdArray> { ["raw"] = x }).As<float>();

        // The ZMUV statistics are those of the clipped, scaled tensor: each op sees its predecessors' output.
        AssertClose(NumpyOracle.Run(
            "b = a.astype(np.float64)\n" +
            "lo = np.quantile(b, 0.01, axis=(2,3), keepdims=True); hi = np.quantile(b, 0.998, axis=(2,3), keepdims=True)\n" +
            "b = np.clip((b - lo) / (hi - lo + 1e-6), 0, 1) * 2\n" +
            "out = (b - b.mean(axis=(1,2,3), keepdims=True)) / (b.std(axis=(1,2,3), keepdims=True) + 1e-6)",
            Input("a", x)), y.Span, 1e-4, 1e-5);
    }

    [Fact]
    public void Postprocessing_reads_reference_tensors_from_the_sample()
    {
        var output = new OutputTensorDescr("mask", default, default, Postprocessing: new ProcessingDescr[]
        {
            new SigmoidDescr(),
            new BinarizeDescr(D(0.5)),
        });
        var pipeline = ProcessingPipeline.FromDescr(output);
        var x = Random([1, 1, 4, 4], "batch,channel,y,x", seed: 3);
        var y = pipeline.Apply(new Dictionary<string, NdArray> { ["mask"] = x }).As<bool>();
        Assert.Equal(x.Span.ToArray().Select(v => v > 0), y.Span.ToArray());
        Assert.Throws<KeyNotFoundException>(() => pipeline.Apply(new Dictionary<string, NdArray> { ["other"] = x }));
    }

    [Fact]
    public void Unknown_description_kinds_come_from_descriptions_only()
    {
        Assert.Throws<ArgumentNullException>(() => ProcessingOp.FromDescr(null!, "raw"));
        Assert.IsType<Softmax>(ProcessingOp.FromDescr(new SoftmaxDescr(new AxisId("channel")), "raw"));
    }
}
