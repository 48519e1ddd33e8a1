using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Tests.Oracles;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>
/// The key property through the engine: with the fixture conv net (receptive radius 2) in a package that
/// declares a halo ≥ 2, predicting with small fixed blocks equals predicting the whole image.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class PredictorTests(ITestOutputHelper log) : OrtLeakCheck
{
    private static NdArray<float> Image(int height, int width, int seed = 3) =>
        new(NumpyOracle.Random(2 * height * width, seed), [2, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]);

    [Theory]
    [InlineData(2, 32, 1)]
    [InlineData(4, 32, 1)]
    [InlineData(2, 24, 3)]
    public void Fixed_blocks_with_a_halo_match_the_whole_image(int halo, int tile, int batchSize)
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.Conv2d(halo), TestPackages.Options(batchSize));
        var image = Image(100, 77);

        var whole = predictor.PredictWhole(image);
        var tiled = predictor.PredictWithFixedBlocks(image, [tile], null);

        Assert.Equal("whole", whole.Report.Mode);
        Assert.Equal(1, whole.Report.Blocks);
        Assert.Equal("tiled", tiled.Report.Mode);
        Assert.Equal([1, 3, 100, 77], tiled.Output.Shape.ToArray());
        Assert.Equal("bcyx", tiled.Output.AxesString);
        Assert.Equal([1, 2, tile, tile], tiled.Report.BlockShape.ToArray());
        int inner = tile - 2 * halo;
        Assert.Equal((int)Math.Ceiling(100.0 / inner) * (int)Math.Ceiling(77.0 / inner), tiled.Report.Blocks);
        Assert.Equal(Math.Min(batchSize, tiled.Report.Blocks), tiled.Report.BatchSize);
        float diff = OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, whole.Output.As<float>().Span);
        log.WriteLine($"halo {halo}, tile {tile}, batch {batchSize}: {tiled.Report.Blocks} blocks, max |tiled - whole| = {diff:E2}");
        Assert.InRange(diff, 0, 1e-5f);
    }

    [Fact]
    public void A_model_without_halo_is_blended_and_stays_close_to_the_whole_image()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.Conv2d(0), TestPackages.Options());
        var image = Image(100, 77);

        var whole = predictor.PredictWhole(image);
        var tiled = predictor.PredictWithFixedBlocks(image, [32, 32], null);

        Assert.True(predictor.Blends);
        Assert.Equal([0, 0, 16, 16], tiled.Report.Overlap.ToArray());
        Assert.Equal([0, 0, 0, 0], tiled.Report.Halo.ToArray());
        float all = OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, whole.Output.As<float>().Span);
        float inner = MaxAbsDifferenceInside(tiled.Output.As<float>(), whole.Output.As<float>(), border: 2);
        log.WriteLine($"blend, tile 32, overlap 16: {tiled.Report.Blocks} blocks, max |tiled - whole| = {all:E2}, {inner:E2} away from the bottom/right border");
        // Inside, tile edges see zero padding within the convolutions, but the raised-cosine ramp weighs their two
        // outermost pixels by 0.002 and 0.02. At the bottom/right border the last block reaches past the image and sees
        // reflected pixels where the whole image saw the convolutions' zero padding (radius 2): there they differ.
        Assert.InRange(inner, 0, 0.02f);
        Assert.True(all > inner);
    }

    [Fact]
    public void Predict_runs_one_block_when_the_image_fits_the_budget_and_tiles_when_it_does_not()
    {
        using var packages = new TestPackages();
        var package = packages.Conv2d(2);
        var image = Image(100, 77);
        using var roomy = Predictor.Open(package, TestPackages.Options());
        using var tight = Predictor.Open(package, TestPackages.Options() with { MemoryBudgetBytes = 2 * 48 * 48 * 600 });

        var one = roomy.Predict(image);
        var several = tight.Predict(image);

        Assert.Equal("whole", one.Report.Mode);
        Assert.Equal("tiled", several.Report.Mode);
        Assert.True(several.Report.Blocks > 1);
        Assert.Equal("CPUExecutionProvider", one.Report.Provider);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(several.Output.As<float>().Span, one.Output.As<float>().Span), 0, 1e-5f);
    }

    [Fact]
    public void An_image_without_a_channel_axis_is_rejected_for_a_two_channel_model_and_yx_images_get_batch_and_channel()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.Conv2d(2), TestPackages.Options());
        var gray = new NdArray<float>(NumpyOracle.Random(40 * 30, 1), [40, 30], [AxisId.Y, AxisId.X]);

        var error = Assert.Throws<ArgumentException>(() => predictor.PredictWhole(gray));
        Assert.Contains("2 channel", error.Message);
        var yxc = Image(40, 30).Transpose(AxisId.Y, AxisId.X, AxisId.Channel);
        Assert.Equal([1, 3, 40, 30], predictor.PredictWhole(yxc).Output.Shape.ToArray());
    }

    [Fact]
    public void Inadmissible_block_shapes_are_rejected_with_the_nearest_admissible_size()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.UNet(tileable: true), TestPackages.Options());
        var image = new NdArray<float>(new float[128 * 128], [128, 128], [AxisId.Y, AxisId.X]);

        var error = Assert.Throws<ArgumentException>(() => predictor.PredictWithFixedBlocks(image, [100], null));
        Assert.Contains("axis 'y': block size 100 is not admissible (min 64, step 16); nearest: 112", error.Message);
    }

    /// <summary>Max |a − b| over a b,c,y,x output without the last <paramref name="border"/> rows and columns.</summary>
    private static float MaxAbsDifferenceInside(NdArray<float> a, NdArray<float> b, int border)
    {
        int channels = a.Shape[1], height = a.Shape[2], width = a.Shape[3];
        float max = 0;
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < height - border; y++)
                for (int x = 0; x < width - border; x++)
                {
                    int i = (c * height + y) * width + x;
                    max = Math.Max(max, Math.Abs(a.Span[i] - b.Span[i]));
                }
        return max;
    }
}
