using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Tests.Oracles;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>
/// Models with several inputs, through the PyTorch-exported image + mask fixture (receptive radius 2, halo 2): the
/// whole-image prediction reproduces PyTorch's output, the inputs are cut into the same blocks so tiling equals the
/// whole image, and wrong or missing inputs are named.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class MultiInputPredictionTests(ITestOutputHelper log) : OrtLeakCheck
{
    private static readonly AxisId[] Bcyx = [AxisId.Batch, AxisId.Channel, AxisId.Y, AxisId.X];

    /// <summary>A random 1-channel image (yx) and 2-channel mask (cyx) of one size.</summary>
    public static Dictionary<string, NdArray> Inputs(int height, int width, int seed = 11) => new()
    {
        ["image"] = new NdArray<float>(NumpyOracle.Random(height * width, seed), [height, width], [AxisId.Y, AxisId.X]),
        ["mask"] = new NdArray<float>(NumpyOracle.Random(2 * height * width, seed + 1, 0f, 1f), [2, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]),
    };

    [Fact]
    public void The_whole_image_reproduces_pytorch_with_both_inputs_fed_by_id()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.ImageMask(), TestPackages.Options());
        var inputs = new Dictionary<string, NdArray>
        {
            ["mask"] = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("image_mask.mask.npy")).WithAxes(Bcyx),
            ["image"] = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("image_mask.image.npy")).WithAxes(Bcyx),
        };
        var expected = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("image_mask.output.npy")).As<float>();

        // PyTorch pads with zeros at the border; without border reflection ORT sees the same image.
        var result = predictor.PredictWhole(inputs, padBorders: false);

        Assert.Equal([1, 2, 19, 22], result.Output.Shape.ToArray());
        float diff = OrtTestFiles.MaxAbsDifference(result.Output.As<float>().Span, expected.Span);
        log.WriteLine($"image + mask, whole 19x22 vs PyTorch: max abs diff {diff:E2}");
        Assert.InRange(diff, 0, 1e-5f);
    }

    [Theory]
    [InlineData(24, 1)]
    [InlineData(20, 3)]
    public void Both_inputs_are_cut_into_the_same_blocks_so_tiles_equal_the_whole_image(int tile, int batchSize)
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.ImageMask(), TestPackages.Options(batchSize));
        var inputs = Inputs(61, 45);

        var whole = predictor.PredictWhole(inputs);
        var tiled = predictor.PredictWithFixedBlocks(inputs, [tile]);
        var chosen = predictor.Predict(inputs);

        Assert.Equal([1, 2, 61, 45], tiled.Output.Shape.ToArray());
        Assert.Equal([1, 1, tile, tile], tiled.Report.BlockShape.ToArray());
        int inner = tile - 4;
        Assert.Equal((int)Math.Ceiling(61.0 / inner) * (int)Math.Ceiling(45.0 / inner), tiled.Report.Blocks);
        float diff = OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, whole.Output.As<float>().Span);
        log.WriteLine($"tile {tile}, batch {batchSize}: {tiled.Report.Blocks} blocks, max |tiled - whole| = {diff:E2}");
        Assert.InRange(diff, 0, 1e-5f);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(chosen.Output.As<float>().Span, whole.Output.As<float>().Span), 0, 1e-5f);
    }

    [Fact]
    public void An_output_size_that_references_the_second_input_follows_the_shared_blocks()
    {
        using var packages = new TestPackages();
        using var byImage = Predictor.Open(packages.ImageMask(), TestPackages.Options());
        using var byMask = Predictor.Open(packages.ImageMask(outputXFollows: "mask"), TestPackages.Options());
        var inputs = Inputs(34, 47);

        var expected = byImage.PredictWhole(inputs);
        var tiled = byMask.PredictWithFixedBlocks(inputs, [20]);

        Assert.Equal([1, 2, 34, 47], tiled.Output.Shape.ToArray());
        Assert.InRange(OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, expected.Output.As<float>().Span), 0, 1e-5f);
    }

    [Fact]
    public void An_input_without_spatial_axes_goes_whole_with_every_block()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.ScaledConv(), TestPackages.Options(batchSize: 3));
        var fixture = new Dictionary<string, NdArray>
        {
            ["image"] = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("scaled_conv.image.npy")).WithAxes(Bcyx),
            ["scale"] = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("scaled_conv.scale.npy")).WithAxes([AxisId.Batch, AxisId.Channel]),
        };
        var pytorch = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("scaled_conv.output.npy")).As<float>();

        var whole = predictor.PredictWhole(fixture, padBorders: false);
        var tiled = predictor.PredictWithFixedBlocks(fixture, [8]);
        var padded = predictor.PredictWhole(fixture);

        float diff = OrtTestFiles.MaxAbsDifference(whole.Output.As<float>().Span, pytorch.Span);
        log.WriteLine($"image + scale vector, whole 17x20 vs PyTorch: max abs diff {diff:E2}; {tiled.Report.Blocks} tiled blocks in batches of {tiled.Report.BatchSize}");
        Assert.InRange(diff, 0, 1e-5f);
        Assert.Equal(3, tiled.Report.BatchSize);
        Assert.True(tiled.Report.Blocks > 3);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, padded.Output.As<float>().Span), 0, 1e-5f);
    }

    [Fact]
    public void The_mask_changes_the_output_so_it_is_really_fed()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.ImageMask(), TestPackages.Options());
        var inputs = Inputs(30, 30);
        var other = Inputs(30, 30, seed: 40);
        inputs["mask"] = other["mask"];

        var a = predictor.PredictWhole(Inputs(30, 30));
        var b = predictor.PredictWhole(inputs);

        Assert.True(OrtTestFiles.MaxAbsDifference(a.Output.As<float>().Span, b.Output.As<float>().Span) > 1e-2f);
    }

    [Fact]
    public void Missing_unknown_and_mismatched_inputs_are_named()
    {
        using var packages = new TestPackages();
        using var predictor = Predictor.Open(packages.ImageMask(), TestPackages.Options());
        var inputs = Inputs(30, 30);

        var single = Assert.Throws<ArgumentException>(() => predictor.Predict(inputs["image"]));
        Assert.Contains("takes 2 inputs ('image', 'mask')", single.Message);
        var missing = Assert.Throws<ArgumentException>(() => predictor.Predict(new Dictionary<string, NdArray> { ["image"] = inputs["image"] }));
        Assert.Contains("no image for input 'mask'", missing.Message);
        var unknown = Assert.Throws<ArgumentException>(() => predictor.Predict(new Dictionary<string, NdArray>(inputs) { ["labels"] = inputs["image"] }));
        Assert.Contains("no input 'labels'", unknown.Message);
        inputs["mask"] = Inputs(30, 31)["mask"];
        var mismatched = Assert.Throws<ArgumentException>(() => predictor.Predict(inputs));
        Assert.Contains("input 'mask' has 31 along 'x', input 'image' 30", mismatched.Message);
    }

    [Fact]
    public void Block_sizes_suit_every_input_when_the_mask_declares_its_own_step()
    {
        using var packages = new TestPackages();
        // The image takes 8 + n, the mask 6 + 4n: blocks must be 10 + 4n.
        using var predictor = Predictor.Open(packages.ImageMask(maskSize: "{min: 6, step: 4}"), TestPackages.Options());
        var inputs = Inputs(40, 37);

        var error = Assert.Throws<ArgumentException>(() => predictor.PredictWithFixedBlocks(inputs, [24]));
        var tiled = predictor.PredictWithFixedBlocks(inputs, [26]);
        var whole = predictor.PredictWhole(inputs);

        log.WriteLine(error.Message);
        Assert.Contains("axis 'y': block size 24 is not admissible (min 10, step 4); nearest: 26", error.Message);
        Assert.Equal([1, 1, 26, 26], tiled.Report.BlockShape.ToArray());
        Assert.All(whole.Report.BlockShape.Skip(2), s => Assert.Equal(2, s % 4));
        Assert.InRange(OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, whole.Output.As<float>().Span), 0, 1e-5f);
    }

    [Fact]
    public void A_0_4_description_of_the_same_model_predicts_the_same()
    {
        using var packages = new TestPackages();
        var package04 = packages.ImageMask();
        // 0.4 has no size references for inputs: the mask declares its own min/step, the output references the image.
        File.WriteAllText(Path.Combine(package04, "rdf.yaml"), """
            format_version: 0.4.10
            type: model
            name: image and mask test
            description: a convolution of an image plus one of a mask
            authors: [{name: Test}]
            cite: [{text: test, doi: 10.5281/zenodo.5764892}]
            license: MIT
            documentation: README.md
            timestamp: 2026-11-22T00:00:00
            test_inputs: [image.npy, mask.npy]
            test_outputs: [output.npy]
            inputs:
              - {name: image, axes: bcyx, data_type: float32, shape: {min: [1, 1, 8, 8], step: [0, 0, 1, 1]}}
              - {name: mask, axes: bcyx, data_type: float32, shape: {min: [1, 2, 8, 8], step: [0, 0, 1, 1]}}
            outputs:
              - name: output
                axes: bcyx
                data_type: float32
                shape: {reference_tensor: image, scale: [1, 2, 1, 1], offset: [0, 0, 0, 0]}
                halo: [0, 0, 2, 2]
            weights:
              onnx: {source: weights.onnx, opset_version: 17}
            """);
        using var v05 = Predictor.Open(packages.ImageMask(), TestPackages.Options());
        using var v04 = Predictor.Open(package04, TestPackages.Options());
        var inputs = Inputs(41, 29);

        var expected = v05.PredictWhole(inputs);
        var tiled = v04.PredictWithFixedBlocks(inputs, [18]);

        Assert.Equal(expected.Output.Shape.ToArray(), tiled.Output.Shape.ToArray());
        Assert.True(tiled.Report.Blocks > 1);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(tiled.Output.As<float>().Span, expected.Output.As<float>().Span), 0, 1e-5f);
    }

    [Fact]
    public void An_ensemble_of_two_input_packages_takes_the_inputs_by_id()
    {
        using var packages = new TestPackages();
        var package = packages.ImageMask();
        using var single = Predictor.Open(package, TestPackages.Options());
        using var ensemble = EnsemblePredictor.Open([package, packages.ImageMask()], TestPackages.Options());
        var inputs = Inputs(33, 28);

        var expected = single.PredictWithFixedBlocks(inputs, [20]);
        var averaged = ensemble.PredictWithFixedBlocks(inputs, [20]);

        Assert.Equal(2, averaged.Report.Members.Length);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(averaged.Output.As<float>().Span, expected.Output.As<float>().Span), 0, 1e-6f);
    }
}
