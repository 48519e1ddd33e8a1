namespace ModelZooBridge.Tests;

/// <summary>
/// The parts every test package around a PyTorch-exported fixture shares: the fixture folder, a README and an rdf.yaml
/// (0.5) whose metadata is fixed, so the packages differ only in their tensors (linked into the test projects that predict).
/// </summary>
internal static class FixturePackage
{
    /// <summary>The committed PyTorch fixtures (<c>Fixtures/make_models.py</c>).</summary>
    public static string TorchFixtures { get; } = RepositoryPaths.Of("tests", "ModelZooBridge.OnnxRuntime.Tests", "Fixtures", "torch");

    /// <summary>Copies fixture file <paramref name="fixture"/> into <paramref name="folder"/> as <paramref name="name"/>.</summary>
    public static void Copy(string fixture, string folder, string name) =>
        File.Copy(Path.Combine(TorchFixtures, fixture), Path.Combine(folder, name), overwrite: true);

    /// <summary>
    /// Writes README.md and rdf.yaml into <paramref name="folder"/>: the fixed metadata, <paramref name="tensors"/> (the
    /// <c>inputs:</c> and <c>outputs:</c> sections, unindented) and ONNX weights <c>weights.onnx</c> of <paramref name="opset"/>.
    /// </summary>
    public static void WriteDescription(string folder, string name, string description, string tensors, int opset = 13)
    {
        File.WriteAllText(Path.Combine(folder, "README.md"), $"# {name}\n");
        File.WriteAllText(Path.Combine(folder, "rdf.yaml"), $"""
            format_version: 0.5.4
            type: model
            name: {name}
            description: {description}
            authors:
              - name: Test
            cite:
              - text: test
                doi: 10.5281/zenodo.5764892
            license: MIT
            documentation: README.md

            """ + tensors.TrimEnd() + $"""

            weights:
              onnx:
                source: weights.onnx
                opset_version: {opset}

            """);
    }
}
