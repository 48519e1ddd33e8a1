using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>Pure spec digestion: tiling constraints, halos and output axis maps from a 0.5 description.</summary>
[Trait("Area", "Prediction")]
public sealed class SpecDigestTests
{
    private static ModelDescr Read(string outputY, string weights = "onnx:\n    source: w.onnx\n    opset_version: 13") => Parse($$$"""
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
        """);

    /// <summary>A description with fixed metadata around <paramref name="body"/> (inputs, outputs and weights).</summary>
    private static ModelDescr Parse(string body)
    {
        var yaml = """
            format_version: 0.5.4
            type: model
            name: digest
            description: d
            authors: [{name: T}]
            cite: [{text: t, doi: 10.5281/zenodo.5764892}]
            license: MIT
            documentation: README.md

            """ + body;
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

    [Theory]
    [InlineData("{min: 8, step: 1}", "{min: 5, step: 3}", 8, 3)]
    [InlineData("{min: 8, step: 4}", "{min: 6, step: 6}", 12, 12)]
    [InlineData("{min: 8, step: 4}", "16", 16, 0)]
    [InlineData("{min: 8, step: 2}", "{tensor_id: a, axis_id: y}", 8, 2)]
    [InlineData("{tensor_id: b, axis_id: y}", "{min: 4, step: 4}", 4, 4)]
    public void Inputs_tiled_together_get_only_block_sizes_every_input_admits(string sizeA, string sizeB, int min, int step)
    {
        var model = ReadTwoInputs(sizeA, sizeB);

        var constraints = SpecDigest.TileAxisConstraints(model.Inputs[0], [1, 100], [Halo.None, Halo.None], 0, [model.Inputs[1]]);

        Assert.Equal((min, step), (constraints[1].Min, constraints[1].Step));
    }

    [Theory]
    [InlineData("{min: 8, step: 4}", "10", "no block size along 'y' suits every input (input 'b' takes 10, the others 8 + n·4)")]
    [InlineData("{min: 8, step: 4}", "{min: 9, step: 4}", "no block size along 'y' suits every input")]
    [InlineData("{tensor_id: b, axis_id: y}", "{tensor_id: a, axis_id: y}", "only reference each other")]
    public void Inputs_without_a_common_block_size_are_refused(string sizeA, string sizeB, string message)
    {
        var model = ReadTwoInputs(sizeA, sizeB);

        var error = Assert.Throws<NotSupportedException>(() =>
            SpecDigest.TileAxisConstraints(model.Inputs[0], [1, 100], [Halo.None, Halo.None], 0, [model.Inputs[1]]));

        Assert.Contains(message, error.Message);
    }

    private static ModelDescr ReadTwoInputs(string sizeA, string sizeB) => Parse($$$"""
        inputs:
          - id: a
            axes: [{type: batch}, {type: space, id: y, size: {{{sizeA}}}}]
            test_tensor: {source: a.npy}
          - id: b
            axes: [{type: batch}, {type: space, id: y, size: {{{sizeB}}}}]
            test_tensor: {source: b.npy}
        outputs:
          - id: out
            axes: [{type: batch}, {type: space, id: y, size: {tensor_id: a, axis_id: y}}]
            test_tensor: {source: out.npy}
        weights:
          onnx: {source: w.onnx, opset_version: 13}
        """);
}
