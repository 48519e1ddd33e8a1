using System.Text.Json;

namespace ModelZooBridge.Tests;

/// <summary><c>mzb info</c> on model packages: static facts, tile constraints, and the halo declared or probed.</summary>
[Trait("Area", "Cli")]
public sealed class PackageInfoTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_package_without_halo_gets_the_probed_estimate()
    {
        // Two 3×3 convolutions: receptive radius 2 on y and x.
        var package = Conv2dTestPackage.Write(Path.Combine(_folder, "conv2d"), halo: 0);
        var result = CliRunner.Run("info", package, "--json");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("package", root.GetProperty("kind").GetString());
        Assert.Equal("conv2d test", root.GetProperty("name").GetString());
        Assert.Equal("0.5.4", root.GetProperty("format_version").GetString());
        Assert.Equal("onnx", Assert.Single(root.GetProperty("weights").EnumerateArray()).GetProperty("format").GetString());
        var y = root.GetProperty("inputs")[0].GetProperty("axes")[2];
        Assert.Equal("8 + n·1", y.GetProperty("size").GetString());
        Assert.Equal(8, y.GetProperty("tile").GetProperty("min").GetInt32());
        Assert.Equal(1, y.GetProperty("tile").GetProperty("step").GetInt32());
        Assert.Equal(JsonValueKind.Null, y.GetProperty("tile").GetProperty("fixed_by_graph").ValueKind);
        var halo = root.GetProperty("halo");
        Assert.Equal("estimated", halo.GetProperty("source").GetString());
        foreach (var axis in new[] { "y", "x" })
        {
            var probed = halo.GetProperty("axes").GetProperty(axis);
            Assert.Equal(2, probed.GetProperty("radius").GetInt32());
            Assert.False(probed.GetProperty("lower_bound").GetBoolean());
            Assert.Equal(2, halo.GetProperty("output_halo").GetProperty("output").GetProperty(axis).GetInt32());
        }

        var text = CliRunner.Run("info", Path.Combine(package, "rdf.yaml"));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("halo         none declared; estimated by probing input 'input': y 2 (2 before, 2 after), x 2 (2 before, 2 after)", text.Stdout);
        Assert.Contains("output 'output' would declare halo y 2, x 2", text.Stdout);
    }

    [Fact]
    public void A_two_input_package_without_halo_is_probed_through_both_inputs()
    {
        // The mask's 5×5 convolution (radius 2) is wider than the image's 3×3; the output's x size references the mask's x.
        var package = ImageMaskTestPackage.Write(Path.Combine(_folder, "image-mask"), outputXFollows: "mask", halo: 0);

        var result = CliRunner.Run("info", package);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("halo         none declared; estimated by probing inputs 'image', 'mask' in turn (axes of 'image'): y 2 (2 before, 2 after), x 2", result.Stdout);
        Assert.Contains("input  'mask'", result.Stdout);
        Assert.Contains("cut into the blocks of input 'image'", result.Stdout);
        Assert.Contains("space x = mask.x", result.Stdout);
        Assert.Contains("output 'output' would declare halo y 2, x 2", result.Stdout);
    }

    [Fact]
    public void A_declared_halo_is_reported_without_probing_with_graph_fixed_sizes()
    {
        var source = Path.Combine(RepositoryPaths.ReferencePackages, "spec-bioimage-io", "models", "unet2d_nuclei_broad");
        File.Copy(Path.Combine(RepositoryPaths.ReferencePackages, "..", "onnx", "unet2d_nuclei_broad.onnx"), Path.Combine(_folder, "weights.onnx"));
        var yaml = File.ReadAllText(Path.Combine(source, "bioimageio.yaml")).Replace("size: 512", "size: {min: 80, step: 16}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "bioimageio.yaml"), yaml);

        var result = CliRunner.Run("info", Path.Combine(_folder, "bioimageio.yaml"));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("name         UNet 2D Nuclei Broad", result.Stdout);
        Assert.Contains("weights      onnx (weights.onnx), pytorch_state_dict (http://files.ilastik.org/bioimageio_test/unet2d_nuclei_broad_weights.torch), torchscript (weights.pt)", result.Stdout);
        Assert.Contains("  preprocessing   ensure_dtype → zero_mean_unit_variance → ensure_dtype", result.Stdout);
        Assert.Contains("  tiling          y: min 80, step 16, halo 32, fixed by the graph to 512 · x: min 80, step 16, halo 32, fixed by the graph to 512", result.Stdout);
        Assert.Contains("space y = raw.y, halo 32", result.Stdout);
        Assert.Contains("halo         declared: input 'raw' y 32, x 32", result.Stdout);

        var json = JsonDocument.Parse(CliRunner.Run("info", _folder, "--json").Stdout).RootElement;
        Assert.Equal("declared", json.GetProperty("halo").GetProperty("source").GetString());
        Assert.False(json.GetProperty("halo").TryGetProperty("axes", out _));
        Assert.Equal(512, json.GetProperty("inputs")[0].GetProperty("axes")[3].GetProperty("tile").GetProperty("fixed_by_graph").GetInt32());
    }

    [Fact]
    public void Memory_and_image_give_the_predictors_block_plan()
    {
        var package = Conv2dTestPackage.Write(Path.Combine(_folder, "conv2d"), halo: 2);
        var image = Path.Combine(_folder, "image.tif"); // an ImageJ hyperstack: reads back as c, y, x
        ModelZooBridge.Imaging.ImageFiles.Write(image, new ModelZooBridge.Arrays.NdArray<float>([2, 300, 200], [ModelZooBridge.Arrays.AxisId.Channel, ModelZooBridge.Arrays.AxisId.Y, ModelZooBridge.Arrays.AxisId.X]));

        var small = JsonDocument.Parse(CliRunner.Run("info", package, "--memory", "1", "--image", image, "--json").Stdout).RootElement.GetProperty("tiles");
        Assert.Equal("tiled", small.GetProperty("mode").GetString());
        Assert.Equal([0, 0, 2, 2], small.GetProperty("halo").EnumerateArray().Select(e => e.GetInt32()));
        var block = small.GetProperty("block_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var stride = small.GetProperty("stride").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal([1, 2], block[..2]);
        Assert.Equal(block[2] - 4, stride[2]); // crop to valid: inner blocks abut
        long expectedBlocks = (long)Math.Ceiling(300.0 / stride[2]) * (long)Math.Ceiling(200.0 / stride[3]);
        Assert.Equal(expectedBlocks, small.GetProperty("blocks").GetInt64());

        var large = JsonDocument.Parse(CliRunner.Run("info", package, "--memory", "256", "--image", image, "--json").Stdout).RootElement.GetProperty("tiles");
        Assert.Equal(1, large.GetProperty("blocks").GetInt64());

        Assert.Equal(2, CliRunner.Run("info", package, "--memory", "64").ExitCode);
    }

    [Fact]
    public void An_unreadable_package_is_an_input_error()
    {
        var zip = Path.Combine(_folder, "model.zip");
        File.WriteAllText(zip, "not a zip");
        var result = CliRunner.Run("info", zip);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mzb: error:", result.Stderr);
        Assert.Contains("model.zip", result.Stderr);
        Assert.Empty(result.Stdout);
    }
}
