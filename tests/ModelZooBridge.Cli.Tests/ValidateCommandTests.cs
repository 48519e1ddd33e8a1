using System.Text.Json;

namespace ModelZooBridge.Tests;

[Trait("Area", "Cli")]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string ReferencePackages()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "ModelZooBridge.Core.Tests", "Fixtures", "reference-packages");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("reference-packages fixtures not found");
    }

    [Fact]
    public void StaticallyValidPackageIsValidFormatAndExitsZero()
    {
        var result = CliRunner.Run("validate", Path.Combine(ReferencePackages(), "JDLL", "samples", "rdf.yaml"), "--static", "--json");
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("valid-format", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("reproduction_run").GetBoolean());
        Assert.All(root.GetProperty("checks").EnumerateArray(), check => Assert.NotEqual("error", check.GetProperty("severity").GetString()));
    }

    [Fact]
    public void InvalidPackageFailsWithCheckIdsAndLocationsAndExitsOne()
    {
        var path = Path.Combine(ReferencePackages(), "spec-bioimage-io", "models", "unet2d_nuclei_broad", "invalid_v0_4_0_duplicate_tensor_names.bioimageio.yaml");
        var result = CliRunner.Run("validate", path, "--json");
        Assert.Equal(1, result.ExitCode);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        var duplicate = root.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("id").GetString() == "tensors.duplicate-id");
        Assert.Equal("error", duplicate.GetProperty("severity").GetString());
        Assert.True(duplicate.GetProperty("location").GetProperty("line").GetInt32() > 0);
    }

    [Fact]
    public void HumanReportEndsWithTheVerdict()
    {
        var result = CliRunner.Run("validate", Path.Combine(ReferencePackages(), "JDLL", "samples", "rdf.yaml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid-format", result.Stdout.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void UnreadableInputExitsTwo()
    {
        Assert.Equal(2, CliRunner.Run("validate", Path.Combine(_folder, "absent.zip")).ExitCode);
        var notAZip = Path.Combine(_folder, "model.zip");
        File.WriteAllText(notAZip, "this is not a zip");
        var result = CliRunner.Run("validate", notAZip, "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("failed", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void MalformedYamlIsAFailedCheckExitOne()
    {
        File.WriteAllText(Path.Combine(_folder, "rdf.yaml"), "type: model\nformat_version: 0.5.4\ninputs: [\n");
        var result = CliRunner.Run("validate", _folder, "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("yaml.syntax", result.Stdout);
    }
}
