using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;

namespace ModelZooBridge.Tests.Validation;

/// <summary>
/// Temporary copies of spec-bioimage-io's unet2d_nuclei_broad package with the repository's ONNX export of its weights.
/// <see cref="CreateFull"/> keeps a reference description as written (its non-ONNX files are absent, so it is not
/// statically valid); <see cref="CreateOnnxOnly"/> reduces the 0.5 description to the ONNX weights, which makes the
/// package statically valid.
/// </summary>
internal sealed class NucleiPackage : IDisposable
{
    private static readonly string[] Files = ["test_input.npy", "test_output.npy", "README.md", "cover0.png", "test_input.png", "test_output.png"];

    private NucleiPackage(string folder) => Folder = folder;

    public string Folder { get; }

    public string DescriptionPath { get; private set; } = "";

    /// <summary>The package with <paramref name="descriptionFile"/> of the reference folder, unchanged.</summary>
    public static NucleiPackage CreateFull(string descriptionFile)
    {
        var package = Create();
        package.DescriptionPath = Path.Combine(package.Folder, descriptionFile);
        File.Copy(OrtTestFiles.UNetPackage(descriptionFile), package.DescriptionPath);
        return package;
    }

    /// <summary>The 0.5 description without the pytorch_state_dict and torchscript weights (absent files), edited by <paramref name="edit"/>.</summary>
    public static NucleiPackage CreateOnnxOnly(Func<string, string>? edit = null)
    {
        var package = Create();
        var yaml = File.ReadAllText(OrtTestFiles.UNetPackage("bioimageio.yaml")).ReplaceLineEndings("\n");
        yaml = yaml[..yaml.IndexOf("  pytorch_state_dict:\n", StringComparison.Ordinal)].Replace("    parent: pytorch_state_dict\n", "", StringComparison.Ordinal);
        package.DescriptionPath = Path.Combine(package.Folder, "rdf.yaml");
        File.WriteAllText(package.DescriptionPath, edit is null ? yaml : edit(yaml));
        return package;
    }

    /// <summary>Adds <paramref name="delta"/> to the first <paramref name="count"/> elements of the test output (no sha256 update).</summary>
    public void PerturbTestOutput(int count, float delta)
    {
        var path = Path.Combine(Folder, "test_output.npy");
        using var stream = new MemoryStream(File.ReadAllBytes(path));
        var array = NpyFile.Read(stream, path).As<float>();
        var span = array.Span;
        for (var i = 0; i < count; i++) span[i] += delta;
        NpyFile.Write(path, array);
    }

    /// <summary>
    /// Describes y and x as <c>{min: 64, step: <paramref name="step"/>}</c> and makes the graph's y and x dynamic; with
    /// <paramref name="freeBatch"/> the described batch size is free too, and <paramref name="dynamicBatch"/> makes the
    /// graph's batch dynamic. The U-Net pools three times, so steps that are not multiples of 8 describe sizes it cannot take.
    /// </summary>
    public void MakeTileable(int step, bool freeBatch = false, bool dynamicBatch = false)
    {
        File.WriteAllBytes(Path.Combine(Folder, "weights.onnx"), UNetGraph.Dynamic(dynamicBatch));
        var yaml = File.ReadAllText(DescriptionPath).ReplaceLineEndings("\n");
        yaml = yaml.Replace("size: 512", $"size: {{min: 64, step: {step}}}", StringComparison.Ordinal);
        if (freeBatch) yaml = yaml.Replace("      - type: batch\n        size: 1\n", "      - type: batch\n", StringComparison.Ordinal);
        File.WriteAllText(DescriptionPath, yaml);
    }

    /// <summary>Replaces the ONNX weights by bytes that are not a model.</summary>
    public void CorruptWeights() => File.WriteAllBytes(Path.Combine(Folder, "weights.onnx"), [0x08, 0x07, 0x12, 0xFF, 0xFF, 0x01, 0x02, 0x03]);

    /// <summary>Replaces <paramref name="what"/> in the description.</summary>
    public void EditDescription(string what, string with)
    {
        var yaml = File.ReadAllText(DescriptionPath);
        Assert.Contains(what, yaml, StringComparison.Ordinal);
        File.WriteAllText(DescriptionPath, yaml.Replace(what, with, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }

    private static NucleiPackage Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mzb-repro-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var file in Files) File.Copy(OrtTestFiles.UNetPackage(file), Path.Combine(folder, file));
        File.Copy(OrtTestFiles.UNetModel, Path.Combine(folder, "weights.onnx"));
        return new NucleiPackage(folder);
    }
}
