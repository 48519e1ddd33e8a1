using System.Text.Json;
using ModelZooBridge.Packaging.Export;

namespace ModelZooBridge.Tests;

/// <summary><c>mzb validate</c> passes a package written by <see cref="ModelPackageExporter"/>, reproduction included.</summary>
[Trait("Area", "Cli")]
public sealed class ExportedPackageValidateTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ExportedPackagePassesValidateWithReproduction()
    {
        var architecture = new NetworkArchitecture(NetworkArchitecture.UNet2d, Depth: 3, FirstLevelFilters: 4, InputChannels: 1, Classes: 2);
        var zip = Path.Combine(_folder, "model.zip");
        ModelPackageExporter.Export(TinySegmentationNet.Request(architecture, [1, 1, 16, 24]), zip);

        var result = CliRunner.Run("validate", zip, "--json");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("passed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("reproduction_run").GetBoolean());
        Assert.All(root.GetProperty("checks").EnumerateArray(), check => Assert.NotEqual("error", check.GetProperty("severity").GetString()));
        // Info notes (reproduction figures) are not counted as warnings in the summary line.
        var text = CliRunner.Run("validate", zip);
        Assert.Contains("passed: 0 error(s), 0 warning(s)", text.Stdout);
    }

    [Fact]
    public void A_folder_of_png_images_is_predicted_into_tiffs_since_png_cannot_hold_probabilities()
    {
        var architecture = new NetworkArchitecture(NetworkArchitecture.UNet2d, Depth: 3, FirstLevelFilters: 4, InputChannels: 1, Classes: 2);
        var zip = Path.Combine(_folder, "model.zip");
        ModelPackageExporter.Export(TinySegmentationNet.Request(architecture, [1, 1, 16, 24]), zip);
        var inputs = Directory.CreateDirectory(Path.Combine(_folder, "inputs")).FullName;
        var slice = Path.Combine(RepositoryPaths.Root, "samples", "isbi2012", "image", "0.png");
        File.Copy(slice, Path.Combine(inputs, "a.png"));
        File.Copy(slice, Path.Combine(inputs, "b.png"));

        var result = CliRunner.Run("predict", "-m", zip, "-i", inputs, "-o", Path.Combine(_folder, "out"), "--device", "cpu", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["a.tif", "b.tif"], Directory.GetFiles(Path.Combine(_folder, "out")).Select(Path.GetFileName).Order());
    }
}
