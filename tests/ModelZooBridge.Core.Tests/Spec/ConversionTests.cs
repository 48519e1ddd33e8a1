using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Tests.Spec;

/// <summary>0.4 → 0.5 conversion, spot-checked by hand against the reference YAML files.</summary>
[Trait("Area", "Spec")]
public sealed class ConversionTests
{
    private static ModelDescr Read(string file)
    {
        var result = ModelDescrReader.Read(ReferenceFiles.Bytes(file), file);
        Assert.False(result.HasErrors, string.Join("\n", result.Issues));
        return result.Description!;
    }

    [Fact]
    public void Nuclei_0_4_0_converts_axes_sizes_halo_and_processing()
    {
        var d = Read(ReferenceFiles.NucleiV040);
        Assert.Equal(ModelDescr.LatestFormatVersion, d.FormatVersion);
        var input = Assert.Single(d.Inputs);
        Assert.Equal("raw", input.Id);
        Assert.Collection(input.Axes,
            a => Assert.Equal(new BatchAxis(), a),
            a => Assert.Equal(new ChannelAxis(EquatableArray.Create("channel0"), new AxisId("channel")), a),
            a => Assert.Equal(new SpaceInputAxis(new FixedSize(512), new AxisId("y")), a),
            a => Assert.Equal(new SpaceInputAxis(new FixedSize(512), new AxisId("x")), a));
        Assert.Equal(new FileDescr("test_input.npy"), input.TestTensor);
        Assert.Equal(new FileDescr("test_input.png"), input.SampleTensor);
        Assert.Equal(EquatableArray.Create<ProcessingDescr>(
            new ZeroMeanUnitVarianceDescr(EquatableArray.Create(new AxisId("y"), new AxisId("x"))),
            new EnsureDtypeDescr("float32")), input.Preprocessing);

        var output = Assert.Single(d.Outputs);
        // shape {reference_tensor: raw, scale: [1, 0, 1, 1], offset: [0, 0.5, 0, 0]}, halo [0, 0, 32, 32]
        Assert.Equal(new ChannelAxis(EquatableArray.Create("channel0"), new AxisId("channel")), output.Axes[1]);
        Assert.Equal(new SpaceOutputAxisWithHalo(new SizeReference("raw", new AxisId("y")), 32, new AxisId("y")), output.Axes[2]);
        Assert.Equal(new SpaceOutputAxisWithHalo(new SizeReference("raw", new AxisId("x")), 32, new AxisId("x")), output.Axes[3]);
        Assert.Equal(EquatableArray.Create<ProcessingDescr>(new SigmoidDescr()), output.Postprocessing);

        // root "dependencies: conda:environment.yaml" (0.4.0) moves into the pytorch entry
        Assert.Equal(new FileDescr("environment.yaml"), d.Weights.PytorchStateDict!.Dependencies);
        Assert.Equal(new ArchitectureFromFile("unet2d.py", "d00721e7d00f55222e8cbf90019dd85ce9df0ae42fd46a07f0e6ea45729b310d", "UNet2d",
            new SpecMap(EquatableArray.Create(new SpecMapEntry("input_channels", new SpecInt(1)), new SpecMapEntry("output_channels", new SpecInt(1))))),
            d.Weights.PytorchStateDict.Architecture);
        Assert.Equal("1.10", d.Weights.PytorchStateDict.PytorchVersion);
        Assert.Equal(20, d.Weights.Onnx!.OpsetVersion);
        Assert.Equal("pytorch_state_dict", d.Weights.Onnx.Parent);
        Assert.Equal("0.1.3", d.Version);
        Assert.Equal(new DateTimeOffset(2019, 12, 11, 12, 22, 32, TimeSpan.Zero), d.Timestamp);
    }

    [Fact]
    public void Upsample_implicit_shape_becomes_reference_with_inverse_scale()
    {
        var d = Read(ReferenceFiles.Upsample);
        var input = d.Inputs[0];
        // shape {min: [1, 1, 5, 5], step: [0, 0, 5, 5]}
        Assert.Equal(new SpaceInputAxis(new ParameterizedSize(5, 5), new AxisId("y")), input.Axes[2]);
        // output scale [1, 0, 4, 4], offset [0, 0.5, 0, 0] → size ref, axis scale 1/4
        Assert.Equal(new SpaceOutputAxis(new SizeReference("input", new AxisId("x")), new AxisId("x"), Scale: 0.25), d.Outputs[0].Axes[3]);
        Assert.Equal(new ChannelAxis(EquatableArray.Create("channel0"), new AxisId("channel")), d.Outputs[0].Axes[1]);
        Assert.Empty(d.Covers);
    }

    [Fact]
    public void Keras_tf2_channel_count_comes_from_reference_times_scale()
    {
        var d = Read(ReferenceFiles.KerasTf2);
        // axes byxc, scale [1, 1, 1, 3] with a 1-channel input → 3 channels; config.bioimageio.nickname → id
        var channel = Assert.IsType<ChannelAxis>(d.Outputs[0].Axes[3]);
        Assert.Equal(3, channel.ChannelNames.Count);
        Assert.Equal("placid-llama", d.Id);
        Assert.Equal(new AxisId("x"), d.Inputs[0].Axes[1].Id); // axes bxyc: x before y
    }

    [Fact]
    public void Fixed_shape_resolves_anchors_and_drops_the_fixed_size_halo_with_a_warning()
    {
        var result = ModelDescrReader.Read(ReferenceFiles.Bytes(ReferenceFiles.FixedShape), "f.yaml");
        var d = result.Description!;
        Assert.Equal(new SpaceOutputAxis(new FixedSize(256), new AxisId("x")), d.Outputs[0].Axes[3]);
        Assert.Equal(new ZeroMeanUnitVarianceDescr(EquatableArray.Create(new AxisId("channel"), new AxisId("y"), new AxisId("x"))), d.Inputs[0].Preprocessing[0]);
        var warning = Assert.Single(result.Issues, i => i.Code == "halo_dropped" && i.Location.FieldPath == "outputs[0].halo[2]");
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal((32, 18), (warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void Jdll_sample_strips_doi_prefix_and_keeps_unicode()
    {
        var d = Read(ReferenceFiles.JdllSample);
        Assert.All(d.Cite, c => Assert.DoesNotContain("doi.org", c.Doi ?? ""));
        Assert.Equal(5, d.Inputs[0].Axes.Count);
        Assert.NotNull(d.Weights.TensorflowSavedModelBundle);
        Assert.Equal("keras_hdf5", d.Weights.TensorflowSavedModelBundle!.Parent);
    }

    [Fact]
    public void V05_files_keep_their_version_and_read_yaml12_floats()
    {
        var d = Read(ReferenceFiles.MultiTensor);
        Assert.Equal("0.5.4", d.FormatVersion);
        var tol = (SpecList)((SpecMap)d.Config!["bioimageio"]!)["reproducibility_tolerance"]!;
        Assert.Equal(new SpecFloat(1e-05), ((SpecMap)tol.Items[0])["absolute_tolerance"]);
        Assert.Equal(new SpaceInputAxis(new ParameterizedSize(32, 16), new AxisId("x")), d.Inputs[0].Axes[3]);
        var q = Read(ReferenceFiles.QupathBrightfield);
        Assert.Equal(new SpaceInputAxis(new ParameterizedSize(32, 1), new AxisId("y"), "micrometer", 0.5), q.Inputs[0].Axes[2]);
        Assert.Equal("1", q.Version);
        Assert.Equal(new ScaleRangeDescr(EquatableArray.Create(new AxisId("x"), new AxisId("y")), 0.1, 99.9), q.Inputs[0].Preprocessing[1]);
        var diff = Read(ReferenceFiles.DiffOutputShape);
        Assert.Equal(2.0, Assert.IsType<SpaceOutputAxis>(diff.Outputs[0].Axes[3]).Scale);
    }
}
