using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Onnx;
using ModelZooBridge.Packaging;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Spec;
using ModelZooBridge.Tests.Oracles;
using ModelZooBridge.Validation;

namespace ModelZooBridge.Tests.Packaging;

/// <summary>Packages written by <see cref="ModelPackageExporter"/> pass the static validator and read back for fine-tuning.</summary>
[Trait("Area", "Packaging")]
public sealed class ModelPackageExporterTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(NetworkArchitecture.UNet2d, new[] { 1, 1, 16, 24 }, "bcyx")]
    [InlineData(NetworkArchitecture.UNet3dAniso, new[] { 1, 1, 8, 16, 20 }, "bczyx")]
    public void ExportedPackage_PassesTheStaticValidatorAndReadsBackItsArchitectureAndWeights(string name, int[] shape, string axes)
    {
        var architecture = new NetworkArchitecture(name, Depth: 3, FirstLevelFilters: 4, InputChannels: 1, Classes: 2);
        var request = TinySegmentationNet.Request(architecture, shape);
        var zip = Path.Combine(_folder, "model.zip");

        var descr = ModelPackageExporter.Export(request, zip);

        var report = PackageValidator.Validate(zip);
        Assert.Empty(report.Errors);
        Assert.DoesNotContain(report.Entries, e => e.Severity == Severity.Warning);
        Assert.Equal(ValidationStatus.ValidFormat, report.Status);
        using (var package = ModelPackage.Open(zip))
        {
            Assert.Equal(["README.md", "cover.png", "rdf.yaml", "test_input.npy", "test_output.npy", "weights.onnx"], package.Files.Order(StringComparer.Ordinal));
            Assert.Equal(descr.Weights.Onnx!.Sha256, package.ComputeSha256("weights.onnx"));
            Assert.Equal(descr.Inputs[0].TestTensor!.Sha256, package.ComputeSha256("test_input.npy"));
            var readme = System.Text.Encoding.UTF8.GetString(package.ReadFile("README.md"));
            Assert.Contains("| foreground F1 | 0.875 |", readme);
            Assert.Contains("- Epochs: 3\n- Time: 00:01:15\n- Seed: 42\n", readme);
        }
        Assert.Equal(axes, string.Concat(descr.Inputs[0].Axes.Select(a => a.Id.Value)).Replace("batch", "b").Replace("channel", "c"));
        // depth 3: two poolings, so y,x step 4 and min 16; the anisotropic net pools z once: step 2, min 8.
        Assert.Equal(new ParameterizedSize(16, 4), ((SpaceInputAxis)descr.Inputs[0].Axes[^1]).Size);
        if (name == NetworkArchitecture.UNet3dAniso)
            Assert.Equal(new ParameterizedSize(8, 2), ((SpaceInputAxis)descr.Inputs[0].Axes[2]).Size);
        Assert.Equal(2, ((SpaceOutputAxisWithHalo)descr.Outputs[0].Axes[^1]).Halo);
        Assert.Empty(descr.Outputs[0].Postprocessing);

        var exported = ExportedModel.Read(zip);
        Assert.Equal(architecture, exported.Architecture);
        Assert.Equal(descr, exported.Description);
        var expected = OnnxInitializerReader.ReadFloat(new MemoryStream(request.Onnx.ToArray()), "built");
        Assert.Equal(["encoder.conv.bias", "encoder.conv.weight", "head.bias", "head.weight"], exported.Initializers.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in expected)
        {
            Assert.Equal(tensor.Data, exported.Initializers[key].Data);
            Assert.Equal(tensor.Shape, exported.Initializers[key].Shape);
        }
    }

    [Fact]
    public void Cover_ShowsTheStretchedInputBesideTheForegroundProbability()
    {
        var input = new NdArray<float>([1, 1, 2, 2], AxisId.ParseAll("bcyx"));
        float[] raw = [10f, 20f, 30f, 50f];
        raw.CopyTo(input.Span);
        var output = new NdArray<float>([1, 2, 2, 2], AxisId.ParseAll("bcyx"));
        float[] probabilities = [1f, 0.5f, 0.25f, 0f, 0f, 0.5f, 0.75f, 1f];
        probabilities.CopyTo(output.Span);

        var cover = CoverImage.Create(input, output);

        Assert.Equal([2, 4], cover.Shape.ToArray());
        Assert.Equal([0, 64, 0, 128, 128, 255, 191, 255], cover.Span.ToArray());
        var path = Path.Combine(_folder, "cover.png");
        ModelZooBridge.Imaging.Png.PngWriter.Write(path, cover);
        using var read = ImageFiles.Read(path);
        Assert.Equal(cover.Span.ToArray(), read.As<byte>().Span.ToArray());
    }

    [Fact]
    public void InconsistentRequests_AreRefusedNamingTheProblemAndWriteNothing()
    {
        var architecture = new NetworkArchitecture(NetworkArchitecture.UNet2d, Depth: 3, FirstLevelFilters: 4, InputChannels: 1, Classes: 2);
        var request = TinySegmentationNet.Request(architecture, [1, 1, 16, 24]);
        var zip = Path.Combine(_folder, "model.zip");

        var offGrid = Assert.Throws<ArgumentException>(() => ModelPackageExporter.Export(
            request with { TestInput = new NdArray<float>([1, 1, 18, 24], AxisId.ParseAll("bcyx")) }, zip));
        Assert.Contains("y size 18 is not 16 + n·4", offGrid.Message);
        var wrongClasses = Assert.Throws<ArgumentException>(() => ModelPackageExporter.Export(request with { Architecture = architecture with { Classes = 3 } }, zip));
        Assert.Contains("2 channels, not 3", wrongClasses.Message);
        var unknown = Assert.Throws<ArgumentException>(() => ModelPackageExporter.Export(request with { Architecture = architecture with { Name = "resnet" } }, zip));
        Assert.Contains("'resnet'", unknown.Message);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void ReadingAPackageWithoutModelZooBridgeConfig_NamesTheMissingKey()
    {
        var architecture = new NetworkArchitecture(NetworkArchitecture.UNet2d, Depth: 3, FirstLevelFilters: 4, InputChannels: 1, Classes: 2);
        var request = TinySegmentationNet.Request(architecture, [1, 1, 16, 24]);
        var zip = Path.Combine(_folder, "model.zip");
        var descr = ModelPackageExporter.Export(request, zip);
        var folder = Path.Combine(_folder, "unpacked");
        System.IO.Compression.ZipFile.ExtractToDirectory(zip, folder);
        File.WriteAllText(Path.Combine(folder, "rdf.yaml"), ModelDescrWriter.Write(descr with { Config = null }));

        var error = Assert.Throws<PackageException>(() => ExportedModel.Read(folder));
        Assert.Contains("no config.modelzoobridge", error.Message);
        File.WriteAllText(Path.Combine(folder, "rdf.yaml"), ModelDescrWriter.Write(descr).Replace("depth: 3", "depth: three", StringComparison.Ordinal));
        Assert.Contains("config.modelzoobridge.depth is not an integer", Assert.Throws<PackageException>(() => ExportedModel.Read(folder)).Message);
    }
}
