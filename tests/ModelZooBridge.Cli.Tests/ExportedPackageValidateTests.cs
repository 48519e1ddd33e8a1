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
    }
}
