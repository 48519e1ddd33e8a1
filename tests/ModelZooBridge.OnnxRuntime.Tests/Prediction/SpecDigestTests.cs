using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>Pure spec digestion: tiling constraints, halos and output axis maps from a 0.5 description.</summary>
[Trait("Area", "Prediction")]
public sealed class SpecDigestTests
{
    private static ModelDescr Read(string outputY, string weights = "onnx:\n    source: w.onnx\n    opset_version: 13")
    {
        var yaml = $$$"""
            format_version: 0.5.4
            type: model
            name: digest
            description: d
            authors: [{name: T}]
            cite: [{text: t, doi: 10.5281/zenodo.5764892}]
            license: MIT
            documentation: README.md
            inputs:
              - id: raw
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [a]
                  - {type: space, id: y, size: {min: 64, step: 16}, scale: 1.0}
                  - {type: space, id: x, size: 128}
                test_tensor: {source: in.npy}
            outputs:
              - id: mask
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [p, q]
                  - {{{outputY}}}
                  - {type: space, id: x, size: {tensor_id: raw, axis_id: x}}
                test_tensor: {source: out.npy}
            weights:
              {{{weights}}}
            """;
        var result = ModelDescrReader.Read(yaml, "rdf.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        return result.Description!;
    }

    [Fact]
    public void Constraints_halo_and_maps_follow_the_description()
    {
        var model = Read("{type: space, id: y, size: {tensor_id: raw, axis_id: y, offset: -8}, halo: 16, scale: 0.5}");
        var input = model.Inputs[0];
        var output = model.Outputs[0];

        Assert.Equal("w.onnx", SpecDigest.OnnxWeightsSource(model));
        Assert.Equal([0, 0, 16, 0], SpecDigest.OutputHalo(output));
        var maps = SpecDigest.OutputAxisMaps(input, output);
        Assert.Equal(OutputAxisMap.FromInput(0), maps[0]);                 // batch follows the input batch
        Assert.Equal(OutputAxisMap.Whole(2), maps[1]);                      // channels are whole
        Assert.Equal(OutputAxisMap.FromInput(2, factor: 2, offset: -8), maps[2]); // scale 1 → 0.5: twice the pixels
        Assert.Equal(OutputAxisMap.FromInput(3), maps[3]);
        var halo = SpecDigest.InputHalo(input, [output]);
        Assert.Equal([Halo.None, Halo.None, Halo.Symmetric(8), Halo.None], halo);
        Assert.True(SpecDigest.DeclaresHalo([output]));

        var constraints = SpecDigest.TileAxisConstraints(input, [1, 1, 300, 128], halo, minOverlap: 0);

        Assert.Equal(TileAxisConstraint.Whole(1), constraints[0]);
        Assert.Equal(TileAxisConstraint.Whole(1), constraints[1]);
        Assert.Equal(new TileAxisConstraint(300, 64, 16, Halo.Symmetric(8)), constraints[2]);
        Assert.Equal(new TileAxisConstraint(128, 128, 0, Halo.None), constraints[3]);
    }

    [Fact]
    public void A_model_without_onnx_weights_or_with_an_unfollowable_size_is_not_supported()
    {
        var torchOnly = Read("{type: space, id: y, size: {tensor_id: raw, axis_id: y}}",
            "torchscript:\n    source: w.pt\n    pytorch_version: '2.1'");
        Assert.Contains("torchscript", Assert.Throws<NotSupportedException>(() => SpecDigest.OnnxWeightsSource(torchOnly)).Message);
        Assert.False(SpecDigest.DeclaresHalo(torchOnly.Outputs.ToArray()));

        var output = torchOnly.Outputs[0];
        var dataDependent = output with { Axes = new AxisDescr[] { output.Axes[0], output.Axes[1], new SpaceOutputAxis(new DataDependentSize(), AxisId.Y), output.Axes[3] } };
        Assert.Throws<NotSupportedException>(() => SpecDigest.OutputAxisMaps(torchOnly.Inputs[0], dataDependent));
    }

    [Fact]
    public void Image_axes_map_onto_the_input_by_type_and_id()
    {
        var input = Read("{type: space, id: y, size: {tensor_id: raw, axis_id: y}}").Inputs[0];
        var image = new NdArray<float>(new float[128 * 70], [128, 70], [AxisId.X, AxisId.Y]);

        Assert.Equal([1, 1, 70, 128], SampleLayout.TensorShape(image, input));
        var tensor = SampleLayout.ToTensor(image, input);
        Assert.Equal("batch,channel,y,x", string.Join(",", tensor.Axes));
        var stray = new NdArray<float>(new float[3 * 70 * 128], [3, 70, 128], [AxisId.Z, AxisId.Y, AxisId.X]);
        Assert.Contains("'z'", Assert.Throws<ArgumentException>(() => SampleLayout.TensorShape(stray, input)).Message);
    }
}
