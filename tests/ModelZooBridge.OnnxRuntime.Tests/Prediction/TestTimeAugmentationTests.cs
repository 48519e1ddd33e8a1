using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Tests.Oracles;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>
/// Test-time augmentation against an independent expectation: numpy transforms the image (rotations by <c>np.rot90</c>,
/// flips by <c>np.flip</c>), the plain predictor runs each copy, numpy undoes the transform on each output and averages.
/// The fixture conv nets are not symmetric, so augmentation changes the output; their receptive field fits the declared
/// halo, so tiles and reflected borders commute with the transforms and the match is exact up to rounding.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class TestTimeAugmentationTests(ITestOutputHelper log) : OrtLeakCheck
{
    /// <summary>(rotation count, flip x, flip z) for the 8 plane symmetries; numpy's transform is rot90^k ∘ flip_x ∘ flip_z.</summary>
    private const string PlaneGroup = "[(k, f, 0) for f in (0, 1) for k in range(4)]";

    private const string Transforms = """
        def forward(m, k, f, z):
            if z: m = np.flip(m, -3)
            if f: m = np.flip(m, -1)
            return np.rot90(m, k, axes=(-2, -1))
        def inverse(m, k, f, z):
            m = np.rot90(m, -k, axes=(-2, -1))
            if f: m = np.flip(m, -1)
            if z: m = np.flip(m, -3)
            return m
        """;

    [Fact]
    public void Tta_in_2d_equals_the_mean_of_the_eight_inverted_plain_predictions_whole_and_tiled()
    {
        using var packages = new TestPackages();
        var package = packages.Conv2d(halo: 2);
        using var plain = Predictor.Open(package, TestPackages.Options());
        // Batches of 3 blocks: the transforms act on the whole batch buffer, the batch axis carried along.
        using var augmented = Predictor.Open(package, TestPackages.Options(batchSize: 3) with { TestTimeAugmentation = true });
        var image = new NdArray<float>(NumpyOracle.Random(2 * 40 * 40, seed: 5), [2, 40, 40], [AxisId.Channel, AxisId.Y, AxisId.X]);

        var expected = Expectation(plain, image, PlaneGroup);
        var whole = augmented.PredictWhole(image);
        var tiled = augmented.PredictWithFixedBlocks(image, [24], null);
        var unaugmented = plain.PredictWhole(image);

        Assert.Equal(["identity", "flip_x", "flip_y", "rot180", "transpose", "rot270", "rot90", "antitranspose"], whole.Report.Transforms.ToArray());
        Assert.Equal(8, tiled.Report.Transforms.Length);
        Assert.Equal(3, tiled.Report.BatchSize);
        Assert.Equal(["identity"], unaugmented.Report.Transforms.ToArray());
        float wholeDiff = MaxAbsDifference(whole.Output, expected);
        float tiledDiff = MaxAbsDifference(tiled.Output, expected);
        float effect = MaxAbsDifference(unaugmented.Output, expected);
        log.WriteLine($"2-D TTA: whole vs oracle {wholeDiff:E2}, tiled ({tiled.Report.Blocks} blocks) vs oracle {tiledDiff:E2}, plain vs oracle {effect:E2}");
        Assert.InRange(wholeDiff, 0, 1e-5f);
        Assert.InRange(tiledDiff, 0, 1e-5f);
        Assert.True(effect > 1e-2f, $"augmentation should change this asymmetric net's output; max change {effect}");
    }

    [Fact]
    public void A_non_square_block_runs_only_the_four_flips()
    {
        using var packages = new TestPackages();
        var package = packages.Conv2d(halo: 2);
        using var plain = Predictor.Open(package, TestPackages.Options());
        using var augmented = Predictor.Open(package, TestPackages.Options() with { TestTimeAugmentation = true });
        var image = new NdArray<float>(NumpyOracle.Random(2 * 30 * 21, seed: 6), [2, 30, 21], [AxisId.Channel, AxisId.Y, AxisId.X]);

        var result = augmented.PredictWhole(image);
        var expected = Expectation(plain, image, "[(k, f, 0) for f in (0, 1) for k in (0, 2)]");

        Assert.Equal(["identity", "flip_x", "flip_y", "rot180"], result.Report.Transforms.ToArray());
        Assert.InRange(MaxAbsDifference(result.Output, expected), 0, 1e-5f);
    }

    [Fact]
    public void Tta_in_3d_runs_sixteen_transforms_and_equals_their_inverted_mean()
    {
        using var packages = new TestPackages();
        var package = packages.Conv3d();
        using var plain = Predictor.Open(package, TestPackages.Options());
        using var augmented = Predictor.Open(package, TestPackages.Options() with { TestTimeAugmentation = true });
        var image = new NdArray<float>(NumpyOracle.Random(6 * 12 * 12, seed: 7), [6, 12, 12], [AxisId.Z, AxisId.Y, AxisId.X]);

        var result = augmented.PredictWhole(image);
        var expected = Expectation(plain, image, "[(k, f, z) for z in (0, 1) for f in (0, 1) for k in range(4)]");

        Assert.Equal(16, result.Report.Transforms.Length);
        Assert.Contains("antitranspose+flip_z", result.Report.Transforms.ToArray());
        float diff = MaxAbsDifference(result.Output, expected);
        log.WriteLine($"3-D TTA: 16 transforms, max |tta - oracle| = {diff:E2}");
        Assert.InRange(diff, 0, 1e-5f);
    }

    [Fact]
    public void Tta_of_a_two_input_model_transforms_both_inputs_alike()
    {
        using var packages = new TestPackages();
        var package = packages.ImageMask();
        using var plain = Predictor.Open(package, TestPackages.Options());
        using var augmented = Predictor.Open(package, TestPackages.Options(batchSize: 2) with { TestTimeAugmentation = true });
        var inputs = MultiInputPredictionTests.Inputs(36, 36);

        var expected = Expectation(plain, inputs.ToDictionary(p => p.Key, p => p.Value.As<float>()), PlaneGroup);
        var tiled = augmented.PredictWithFixedBlocks(inputs, [24]);

        Assert.Equal(8, tiled.Report.Transforms.Length);
        float diff = MaxAbsDifference(tiled.Output, expected);
        log.WriteLine($"two-input TTA, {tiled.Report.Blocks} blocks: max |tta - oracle| = {diff:E2}");
        Assert.InRange(diff, 0, 1e-5f);
    }

    [Fact]
    public void Tta_leaves_an_input_without_spatial_axes_as_it_is()
    {
        using var packages = new TestPackages();
        var package = packages.ScaledConv();
        using var plain = Predictor.Open(package, TestPackages.Options());
        using var augmented = Predictor.Open(package, TestPackages.Options(batchSize: 2) with { TestTimeAugmentation = true });
        var inputs = new Dictionary<string, NdArray<float>>
        {
            ["image"] = new(NumpyOracle.Random(30 * 30, seed: 9), [30, 30], [AxisId.Y, AxisId.X]),
            ["scale"] = new(new[] { 0.5f, 2f }, [2], [AxisId.Channel]),
        };

        var expected = Expectation(plain, inputs, PlaneGroup);
        var tiled = augmented.PredictWithFixedBlocks(inputs.ToDictionary(p => p.Key, p => (NdArray)p.Value), [16]);

        Assert.Equal(8, tiled.Report.Transforms.Length);
        Assert.True(tiled.Report.Blocks > 1);
        Assert.InRange(MaxAbsDifference(tiled.Output, expected), 0, 1e-5f);
    }

    private static float[] Expectation(Predictor plain, NdArray<float> image, string group) =>
        Expectation(plain, new Dictionary<string, NdArray<float>> { [plain.Description.Inputs[0].Id] = image }, group);

    /// <summary>
    /// numpy makes every transformed copy of each image (inputs without y and x, such as a parameter vector, stay as
    /// they are); the plain predictor runs each set; numpy inverts and averages.
    /// </summary>
    private static float[] Expectation(Predictor plain, IReadOnlyDictionary<string, NdArray<float>> images, string group)
    {
        var first = images.First();
        var copies = images.ToDictionary(p => p.Key, p => p.Value.IndexOf(AxisId.X) < 0
            ? []
            : NumpyOracle.Run(Transforms + $"\nout = np.stack([forward(a, *g) for g in {group}])", ("a", p.Value.Span.ToArray(), [.. p.Value.Shape])));
        int count = copies[first.Key].Length / (int)first.Value.Length;
        var outputs = new List<float>();
        int[] outputShape = [];
        for (int i = 0; i < count; i++)
        {
            var set = images.ToDictionary(p => p.Key, p =>
            {
                int length = (int)p.Value.Length;
                if (copies[p.Key].Length == 0) return (NdArray)p.Value;
                var copy = copies[p.Key].Skip(i * length).Take(length).Select(v => (float)v).ToArray();
                return new NdArray<float>(copy, [.. p.Value.Shape], [.. p.Value.Axes]);
            });
            var prediction = plain.PredictWhole(set).Output.As<float>();
            outputShape = [.. prediction.Shape];
            outputs.AddRange(prediction.Span.ToArray());
        }
        var mean = NumpyOracle.Run(Transforms + $"\nout = np.mean([inverse(p[i], *g) for i, g in enumerate({group})], axis=0)",
            ("p", [.. outputs], [outputs.Count / outputShape.Aggregate(1, (a, b) => a * b), .. outputShape]));
        return [.. mean.Select(v => (float)v)];
    }

    private static float MaxAbsDifference(NdArray actual, float[] expected) =>
        OrtTestFiles.MaxAbsDifference(actual.As<float>().Span, expected);
}
