using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Packaging;
using ModelZooBridge.Tests.Oracles;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>An ensemble of the conv fixture and a copy with reversed weights equals the mean of their single predictions.</summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class EnsemblePredictorTests(ITestOutputHelper log) : OrtLeakCheck
{
    private static NdArray<float> Image(int height, int width, float range = 1) =>
        new(NumpyOracle.Random(2 * height * width, seed: 9, -range, range), [2, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]);

    [Fact]
    public void Two_members_average_to_the_mean_of_their_single_predictions()
    {
        using var packages = new TestPackages();
        string first = packages.Conv2d(halo: 2), second = packages.Conv2d(halo: 2, reverseWeights: true);
        var image = Image(50, 37);
        float[] a, b;
        using (var single = Predictor.Open(first, TestPackages.Options())) a = single.PredictWithFixedBlocks(image, [24]).Output.As<float>().Span.ToArray();
        using (var single = Predictor.Open(second, TestPackages.Options())) b = single.PredictWithFixedBlocks(image, [24]).Output.As<float>().Span.ToArray();
        using var ensemble = EnsemblePredictor.Open([first, second], TestPackages.Options());
        long progress = 0;

        var result = ensemble.PredictWithFixedBlocks(image, [24], new SynchronousProgress(v => progress = v));

        var mean = a.Zip(b, (x, y) => (x + y) / 2).ToArray();
        float diff = OrtTestFiles.MaxAbsDifference(result.Output.As<float>().Span, mean);
        float members = OrtTestFiles.MaxAbsDifference(a, b);
        log.WriteLine($"ensemble of 2: max |ensemble - mean| = {diff:E2}; members differ by up to {members:E2}; {result.Report.Blocks} blocks");
        Assert.InRange(diff, 0, 1e-6f);
        Assert.True(members > 0.1f, $"the reversed weights should give another network; max difference {members}");
        Assert.True(ensemble.AveragesRawOutputs);
        Assert.Equal("raw", result.Report.Averaged);
        Assert.Equal([first, second], result.Report.Members.ToArray());
        Assert.Equal(ensemble.BlockCount(image, [24]), result.Report.Blocks);
        Assert.Equal(result.Report.Blocks, progress);
        Assert.Equal("bcyx", result.Output.AxesString);
    }

    [Fact]
    public void Shared_postprocessing_applies_to_the_mean_and_differing_postprocessing_averages_the_final_outputs()
    {
        using var packages = new TestPackages();
        var image = Image(30, 30, range: 8); // outputs far from 0, where the sigmoid bends
        float[] raw0 = PredictOne(packages.Conv2d(halo: 2), image), raw1 = PredictOne(packages.Conv2d(halo: 2, reverseWeights: true), image);
        string sigmoid0 = packages.Conv2d(halo: 2, postprocessing: "[{id: sigmoid}]"), sigmoid1 = packages.Conv2d(halo: 2, reverseWeights: true, postprocessing: "[{id: sigmoid}]");
        using var shared = EnsemblePredictor.Open([sigmoid0, sigmoid1], TestPackages.Options());
        using var mixed = EnsemblePredictor.Open([packages.Conv2d(halo: 2), sigmoid1], TestPackages.Options());

        var sharedResult = shared.PredictWhole(image);
        var mixedResult = mixed.PredictWhole(image);

        var sigmoidOfMean = raw0.Zip(raw1, (a, b) => Sigmoid((a + b) / 2)).ToArray();
        var meanOfFinal = raw0.Zip(raw1, (a, b) => (a + Sigmoid(b)) / 2).ToArray();
        Assert.Equal("raw", sharedResult.Report.Averaged);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(sharedResult.Output.As<float>().Span, sigmoidOfMean), 0, 1e-6f);
        float order = OrtTestFiles.MaxAbsDifference(raw0.Zip(raw1, (a, b) => (Sigmoid(a) + Sigmoid(b)) / 2).ToArray(), sigmoidOfMean);
        log.WriteLine($"max |mean of sigmoids - sigmoid of mean| = {order:E2}");
        Assert.True(order > 1e-2f);
        Assert.False(mixed.AveragesRawOutputs);
        Assert.Equal("postprocessed", mixedResult.Report.Averaged);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(mixedResult.Output.As<float>().Span, meanOfFinal), 0, 1e-6f);
    }

    [Fact]
    public void A_member_with_other_axes_is_refused_naming_its_package()
    {
        using var packages = new TestPackages();
        string conv2d = packages.Conv2d(halo: 2), conv3d = packages.Conv3d();

        var error = Assert.Throws<PackageException>(() => EnsemblePredictor.Open([conv2d, conv3d], TestPackages.Options()));

        Assert.Equal(conv3d, error.PackagePath);
        Assert.Contains("input 'input' has axes b,c[1],z,y,x where the first package's 'input' has b,c[2],y,x", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static float[] PredictOne(string package, NdArray<float> image)
    {
        using var predictor = Predictor.Open(package, TestPackages.Options());
        return predictor.PredictWhole(image).Output.As<float>().Span.ToArray();
    }

    private static float Sigmoid(float value) => 1f / (1f + MathF.Exp(-value));

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
