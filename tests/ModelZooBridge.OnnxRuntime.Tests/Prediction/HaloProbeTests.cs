using System.Diagnostics;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>
/// The halo probe against PyTorch-exported conv stacks whose receptive fields are known exactly (Fixtures/make_models.py),
/// and on the nuclei U-Net, whose declared halo of 32 is known to leave seams.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class HaloProbeTests(ITestOutputHelper log) : OrtLeakCheck
{
    /// <summary>A 0.5 description of a 1-channel-in fixture with y/x sizes <c>{min, step}</c> and no halo.</summary>
    private static ModelDescr Describe(int outChannels, int min = 8, int step = 1, int inChannels = 1)
    {
        string Channels(string prefix, int n) => string.Join(", ", Enumerable.Range(0, n).Select(i => $"{prefix}{i}"));
        string inNames = Channels("i", inChannels), outNames = Channels("o", outChannels), size = $"{{min: {min}, step: {step}}}";
        var yaml = $$$"""
            format_version: 0.5.4
            type: model
            name: probe fixture
            description: conv stack
            authors: [{name: Test}]
            cite: [{text: test, doi: 10.5281/zenodo.5764892}]
            license: MIT
            documentation: README.md
            inputs:
              - id: input
                axes:
                  - type: batch
                  - {type: channel, channel_names: [{{{inNames}}}]}
                  - {type: space, id: y, size: {{{size}}}}
                  - {type: space, id: x, size: {{{size}}}}
            outputs:
              - id: output
                axes:
                  - type: batch
                  - {type: channel, channel_names: [{{{outNames}}}]}
                  - {type: space, id: y, size: {tensor_id: input, axis_id: y}}
                  - {type: space, id: x, size: {tensor_id: input, axis_id: x}}
            weights:
              onnx: {source: weights.onnx, opset_version: 13}
            """;
        var read = ModelDescrReader.Read(System.Text.Encoding.UTF8.GetBytes(yaml), "rdf.yaml");
        Assert.False(read.HasErrors, string.Join("\n", read.Errors));
        return read.Description!;
    }

    private HaloEstimate Probe(string fixture, ModelDescr model, HaloProbeOptions? options = null)
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch(fixture));
        var clock = Stopwatch.StartNew();
        var estimate = HaloProbe.Estimate(session, model, options);
        log.WriteLine($"{fixture}: context {string.Join(", ", estimate.Axes.Zip(estimate.Context, (a, c) => $"{a} {c.Left}/{c.Right}"))}, " +
            $"border [{string.Join(",", estimate.ReachesBorder)}], probe [{string.Join(",", estimate.ProbeShape)}], {estimate.Runs} runs, {clock.ElapsedMilliseconds} ms");
        return estimate;
    }

    [Fact]
    public void Three_3x3_convolutions_have_radius_3()
    {
        var estimate = Probe("conv_stack.onnx", Describe(outChannels: 2));
        Assert.True(estimate.Responded);
        Assert.Equal([Halo.None, Halo.None, Halo.Symmetric(3), Halo.Symmetric(3)], estimate.Context.ToArray());
        Assert.Equal([0, 0, 3, 3], estimate.Radius.ToArray());
        Assert.All(estimate.ReachesBorder, Assert.False);
        Assert.Equal([1, 1, 64, 64], estimate.ProbeShape.ToArray());
        Assert.Equal(7, estimate.Runs); // one round: 2 backgrounds + 5 perturbations
    }

    [Fact]
    public void A_two_input_model_is_probed_through_each_input_and_gives_the_wider_field()
    {
        // The image passes one 3x3 convolution (radius 1), the mask one 5x5 (radius 2): probing the image alone would say 1.
        var folder = ImageMaskTestPackage.Write(Path.Combine(Path.GetTempPath(), $"mzb-probe-{Guid.NewGuid():N}"), halo: 0);
        try
        {
            var read = ModelDescrReader.Read(File.ReadAllBytes(Path.Combine(folder, "rdf.yaml")), "rdf.yaml");
            Assert.False(read.HasErrors, string.Join("\n", read.Errors));

            var estimate = Probe("image_mask.onnx", read.Description!);

            Assert.Equal("image", estimate.InputId);
            Assert.Equal([Halo.None, Halo.None, Halo.Symmetric(2), Halo.Symmetric(2)], estimate.Context.ToArray());
            Assert.All(estimate.ReachesBorder, Assert.False);
            Assert.Equal(2 + 2 * 5, estimate.Runs); // one round: 2 baselines, 5 perturbations through each input
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Dilated_and_causal_convolutions_give_the_exact_context_on_each_side()
    {
        var estimate = Probe("dilated_asymmetric.onnx", Describe(outChannels: 1));
        // y: 5x5 (2) + 3x3 dilation 2 (2) + causal 3x1 (2 rows above, none below); x: 2 + 2.
        Assert.Equal(new Halo(6, 4), estimate.Context[2]);
        Assert.Equal(new Halo(4, 4), estimate.Context[3]);
        var model = Describe(outChannels: 1);
        Assert.Equal([0, 0, 6, 4], estimate.OutputHalo(model, model.Outputs[0]).ToArray());
    }

    [Fact]
    public void Probe_sizes_respect_min_and_step_and_the_estimate_is_deterministic()
    {
        var model = Describe(outChannels: 3, min: 10, step: 7, inChannels: 2);
        var first = Probe("conv2d.onnx", model);
        var second = Probe("conv2d.onnx", model);
        Assert.Equal([1, 2, 66, 66], first.ProbeShape.ToArray()); // 10 + 8·7, the smallest admissible size ≥ 64
        Assert.Equal([0, 0, 2, 2], first.Radius.ToArray()); // two 3×3 convolutions
        Assert.Equal(first.Context.ToArray(), second.Context.ToArray());
        Assert.Equal(first.ProbeShape.ToArray(), second.ProbeShape.ToArray());
    }

    [Fact]
    public void A_probe_smaller_than_the_field_reaches_the_border_and_grows()
    {
        var estimate = Probe("dilated_asymmetric.onnx", Describe(outChannels: 1), new HaloProbeOptions { StartSize = 8, MaxSize = 32 });
        Assert.Equal(new Halo(6, 4), estimate.Context[2]);
        // 8 and 16 are too small (at 16 the impulse one past the centre, 9, still changes row 15), 32 is not.
        Assert.Equal([1, 1, 32, 32], estimate.ProbeShape.ToArray());
        Assert.Equal(3 * 7, estimate.Runs);
        Assert.All(estimate.ReachesBorder, Assert.False);

        var capped = Probe("dilated_asymmetric.onnx", Describe(outChannels: 1), new HaloProbeOptions { StartSize = 8, MaxSize = 8 });
        Assert.True(capped.ReachesBorder[2]);
        Assert.Equal(3, capped.Context[2].Left); // an impulse at row 4 of 8 rows can only show rows 5–7: a lower bound of the 6
    }

    [Fact]
    public void Nuclei_unet_field_is_wider_than_its_declared_halo()
    {
        using var packages = new TestPackages();
        var folder = packages.UNet(tileable: true);
        using var package = ModelPackage.Open(folder);
        var model = ModelDescrReader.Read(package.ReadDescriptionBytes(), package.DescriptionFileName).Description!;
        using var session = OrtTestFiles.OpenSession(package.ReadFile("weights.onnx"));
        var clock = Stopwatch.StartNew();
        var estimate = HaloProbe.Estimate(session, model);
        log.WriteLine($"nuclei U-Net: context y {estimate.Context[2]}, x {estimate.Context[3]}, border [{string.Join(",", estimate.ReachesBorder)}], " +
            $"probe [{string.Join(",", estimate.ProbeShape)}], {estimate.Runs} runs, {clock.ElapsedMilliseconds} ms");
        Assert.True(estimate.Responded);
        Assert.All(estimate.ReachesBorder, Assert.False);
        Assert.InRange(estimate.Radius[2], 33, 256);
        Assert.InRange(estimate.Radius[3], 33, 256);
    }
}
