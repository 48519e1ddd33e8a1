using System.Diagnostics;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>
/// The nuclei U-Net (spec-bioimage-io's unet2d_nuclei_broad) through the whole predictor: the package's own
/// preprocessing and postprocessing, its test tensors, and tiling at a tile smaller than the image.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class UNetPredictionTests(ITestOutputHelper log) : OrtLeakCheck
{
    private static NdArray TestInput() =>
        OrtTestFiles.ReadNpy(OrtTestFiles.UNetPackage("test_input.npy")).WithAxes([AxisId.Batch, AxisId.Channel, AxisId.Y, AxisId.X]);

    [Fact]
    public void Whole_image_prediction_reproduces_the_package_test_output()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.UNet(tileable: false), TestPackages.Options());
        using var expected = OrtTestFiles.ReadNpy(OrtTestFiles.UNetPackage("test_output.npy"));

        var result = predictor.PredictWhole(TestInput(), padBorders: false);

        Assert.Equal(["probability"], result.OutputIds);
        Assert.Equal(expected.Shape.ToArray(), result.Output.Shape.ToArray());
        Assert.Equal("bcyx", result.Output.AxesString);
        float diff = OrtTestFiles.MaxAbsDifference(result.Output.As<float>().Span, expected.As<float>().Span);
        log.WriteLine($"whole image vs test_output.npy: max abs diff {diff:E2}, {result.Report.Total.TotalMilliseconds:F0} ms");
        Assert.InRange(diff, 0, 1e-4f);
    }

    [Fact]
    public void Tiled_prediction_stays_close_to_the_whole_image()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.UNet(tileable: true), TestPackages.Options());
        var input = TestInput();

        var clock = Stopwatch.StartNew();
        var whole = predictor.PredictWhole(input);
        var wholeTime = clock.Elapsed;
        var tiled = predictor.PredictWithFixedBlocks(input, [256], null);

        Assert.Equal([0, 0, 32, 32], tiled.Report.Halo.ToArray());
        Assert.Equal(9, tiled.Report.Blocks); // inner 192 → 3 × 3 over 512 × 512
        float diff = OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, whole.Output.As<float>().Span);
        double mean = MeanAbsDifference(tiled.Output.As<float>().Span, whole.Output.As<float>().Span);
        log.WriteLine($"U-Net 512², tile 256, halo 32: {tiled.Report.Blocks} blocks, max |tiled - whole| = {diff:E2}, mean {mean:E2}; " +
            $"whole {wholeTime.TotalMilliseconds:F0} ms, tiled {tiled.Report.Total.TotalMilliseconds:F0} ms (inference {tiled.Report.Inference.TotalMilliseconds:F0} ms)");
        // The U-Net's receptive field exceeds its declared halo of 32, so seams remain, but they are small on
        // probabilities (measured: max 2.0e-3, mean 2.0e-6).
        Assert.InRange(diff, 0, 1e-2f);
        Assert.InRange(mean, 0, 1e-4);
    }

    [Fact]
    public void A_graph_with_fixed_spatial_size_runs_once_at_that_size_or_is_tiled_with_it()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.UNet(tileable: true, fixedGraph: true), TestPackages.Options());
        using var expected = OrtTestFiles.ReadNpy(OrtTestFiles.UNetPackage("test_output.npy"));

        var once = predictor.Predict(TestInput());
        var tiled = predictor.PredictWithFixedBlocks(TestInput(), [512], null);

        Assert.Equal("whole", once.Report.Mode); // 512 + halo does not fit the graph, the unpadded image does
        Assert.InRange(OrtTestFiles.MaxAbsDifference(once.Output.As<float>().Span, expected.As<float>().Span), 0, 1e-4f);
        Assert.Equal([1, 1, 512, 512], tiled.Report.BlockShape.ToArray());
        Assert.Equal(4, tiled.Report.Blocks); // inner 448 with halo 32 → 2 × 2
        float diff = OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, expected.As<float>().Span);
        double mean = MeanAbsDifference(tiled.Output.As<float>().Span, expected.As<float>().Span);
        log.WriteLine($"U-Net fixed 512 graph, 4 blocks of 512 (inner 448): max |tiled - test_output| = {diff:E2}, mean {mean:E2}");
        // Border blocks see reflected context where the test output saw zero padding; inside they agree (measured: mean 6.7e-4).
        Assert.InRange(mean, 0, 2e-3);
    }

    private static double MeanAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / a.Length;
    }
}
