using System.Text.Json;

namespace ModelZooBridge.Tests;

[Trait("Area", "Cli")]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void StaticallyValidPackageIsValidFormatAndExitsZero()
    {
        var result = CliRunner.Run("validate", Path.Combine(RepositoryPaths.ReferencePackages, "JDLL", "samples", "rdf.yaml"), "--static", "--json");
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("valid-format", root.GetProperty("status").GetString());
        Assert.False(root.GetProperty("reproduction_run").GetBoolean());
        Assert.All(root.GetProperty("checks").EnumerateArray(), check => Assert.NotEqual("error", check.GetProperty("severity").GetString()));
    }

    [Fact]
    public void InvalidPackageFailsWithCheckIdsAndLocationsAndExitsOne()
    {
        var path = Path.Combine(RepositoryPaths.ReferencePackages, "spec-bioimage-io", "models", "unet2d_nuclei_broad", "invalid_v0_4_0_duplicate_tensor_names.bioimageio.yaml");
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
        var result = CliRunner.Run("validate", Path.Combine(RepositoryPaths.ReferencePackages, "JDLL", "samples", "rdf.yaml"));
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

    /// <summary>
    /// The nuclei U-Net package reduced to its ONNX weights (the repository's export; the other weight files are not in
    /// the fixtures), which makes it statically valid.
    /// </summary>
    private string NucleiOnnxPackage()
    {
        var source = Path.Combine(RepositoryPaths.ReferencePackages, "spec-bioimage-io", "models", "unet2d_nuclei_broad");
        foreach (var file in new[] { "test_input.npy", "test_output.npy", "README.md", "cover0.png", "test_input.png", "test_output.png" })
            File.Copy(Path.Combine(source, file), Path.Combine(_folder, file));
        File.Copy(Path.Combine(RepositoryPaths.ReferencePackages, "..", "onnx", "unet2d_nuclei_broad.onnx"), Path.Combine(_folder, "weights.onnx"));
        var yaml = File.ReadAllText(Path.Combine(source, "bioimageio.yaml")).ReplaceLineEndings("\n");
        yaml = yaml[..yaml.IndexOf("  pytorch_state_dict:\n", StringComparison.Ordinal)].Replace("    parent: pytorch_state_dict\n", "", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "rdf.yaml"), yaml);
        return _folder;
    }

    [Fact]
    public void ReproducedPackagePassesWithFiguresAndExitsZero()
    {
        var result = CliRunner.Run("validate", NucleiOnnxPackage(), "--json");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("passed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("reproduction_run").GetBoolean());
        Assert.True(root.GetProperty("reproduction_seconds").GetDouble() > 0);
        var output = Assert.Single(root.GetProperty("reproduction").EnumerateArray());
        Assert.Equal("probability", output.GetProperty("output").GetString());
        Assert.True(output.GetProperty("passed").GetBoolean());
        Assert.InRange(output.GetProperty("max_abs_difference").GetDouble(), 0, 1e-4);
        Assert.Equal(0, output.GetProperty("mismatched_ppm").GetDouble());
        Assert.Equal(1e-4, output.GetProperty("tolerance").GetProperty("absolute_tolerance").GetDouble());
        Assert.Contains(root.GetProperty("checks").EnumerateArray(), c => c.GetProperty("id").GetString() == "reproduction.passed");
        Assert.Empty(root.GetProperty("size_runs").EnumerateArray()); // fixed 512 × 512, batch 1: no other size applies

        var human = CliRunner.Run("validate", _folder);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("passed", human.Stdout.Trim().Split('\n')[^1]);

        var staticOnly = JsonDocument.Parse(CliRunner.Run("validate", _folder, "--static", "--json").Stdout).RootElement;
        Assert.Equal("valid-format", staticOnly.GetProperty("status").GetString());
        Assert.False(staticOnly.GetProperty("reproduction_run").GetBoolean());
        Assert.Empty(staticOnly.GetProperty("reproduction").EnumerateArray());
    }

    [Fact]
    public void SizesTheGraphCannotTakeFailWithTheShapesInTheJson()
    {
        // The export fixes y and x at 512; the description claims 80 + n·16 (the static check only warns: onnx.fewer-sizes).
        var folder = NucleiOnnxPackage();
        var rdf = Path.Combine(folder, "rdf.yaml");
        File.WriteAllText(rdf, File.ReadAllText(rdf).Replace("size: 512", "size: {min: 80, step: 16}", StringComparison.Ordinal));

        var result = CliRunner.Run("validate", folder, "--json");
        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.True(Assert.Single(root.GetProperty("reproduction").EnumerateArray()).GetProperty("passed").GetBoolean()); // 512 itself runs
        var runs = root.GetProperty("size_runs").EnumerateArray().ToList();
        Assert.Equal(["n=0 (min + 0·step)", "n=1 (min + 1·step)", "n=2 (min + 2·step)", "test size + 1 step"], runs.Select(r => r.GetProperty("case").GetString()));
        Assert.All(runs, r => Assert.False(r.GetProperty("passed").GetBoolean()));
        Assert.Equal([1, 1, 80, 80], runs[0].GetProperty("inputs").GetProperty("raw").GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var failure = root.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("id").GetString() == "reproduction.other-sizes");
        Assert.StartsWith("n=0 (min + 0·step): the model fails on 'raw' [1,1,80,80]: ONNX Runtime: Got invalid dimensions", failure.GetProperty("message").GetString());
        Assert.Equal("inputs[0].axes[2].size", failure.GetProperty("location").GetProperty("field").GetString());
    }

    [Fact]
    public void PerturbedTestOutputIsAMismatchAndExitsOne()
    {
        var folder = NucleiOnnxPackage();
        var npy = Path.Combine(folder, "test_output.npy");
        var oldSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(npy)));
        var bytes = File.ReadAllBytes(npy);
        // float32 little-endian data after the 128-byte header: raise the first 2000 values by 0.5.
        for (var i = 0; i < 2000; i++)
        {
            var at = 128 + 4 * i;
            BitConverter.TryWriteBytes(bytes.AsSpan(at, 4), BitConverter.ToSingle(bytes, at) + 0.5f);
        }
        File.WriteAllBytes(npy, bytes);
        var rdf = Path.Combine(folder, "rdf.yaml");
        File.WriteAllText(rdf, File.ReadAllText(rdf).Replace(oldSha, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), StringComparison.Ordinal));

        var result = CliRunner.Run("validate", folder, "--json");
        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        var mismatch = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "reproduction.mismatch");
        Assert.Contains("2000 of 262144 elements", mismatch.GetProperty("message").GetString());
        var output = Assert.Single(root.GetProperty("reproduction").EnumerateArray());
        Assert.False(output.GetProperty("passed").GetBoolean());
        Assert.Equal(2000, output.GetProperty("mismatched").GetInt64());
        Assert.InRange(output.GetProperty("max_abs_difference").GetDouble(), 0.49, 0.51);
    }

    /// <summary>
    /// ONNX Runtime is process-global and already loaded by other tests, so this runs the test build's own apphost with
    /// MZB_ONNXRUNTIME pointing nowhere (the app-local candidates next to the test binaries do not exist). mzb.dll runs
    /// on the shared framework with the test assembly's runtimeconfig and deps (the project itself is self-contained).
    /// </summary>
    [Fact]
    public async Task MissingOnnxRuntimeIsOneLineAndExitsThree()
    {
        var folder = NucleiOnnxPackage();
        var bin = AppContext.BaseDirectory;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "exec", "--runtimeconfig", Path.Combine(bin, "ModelZooBridge.Cli.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(bin, "ModelZooBridge.Cli.Tests.deps.json"), Path.Combine(bin, "mzb.dll"), "validate", folder,
                 })
            start.ArgumentList.Add(arg);
        start.Environment["MZB_ONNXRUNTIME"] = Path.Combine(_folder, "absent", "libonnxruntime.so.1");
        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdoutTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var (stdout, stderr) = (await stdoutTask, await stderrTask);
        Assert.True(process.ExitCode == 3, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("libonnxruntime.so.1", line);

        // --static needs no engine.
        var staticRun = CliRunner.Run("validate", folder, "--static");
        Assert.Equal(0, staticRun.ExitCode);
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
