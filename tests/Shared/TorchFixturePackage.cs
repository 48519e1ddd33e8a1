namespace ModelZooBridge.Tests;

/// <summary>
/// Writes a 0.5 package folder around one of the PyTorch-exported fixtures in
/// <c>tests/ModelZooBridge.OnnxRuntime.Tests/Fixtures/torch</c> (<c>NAME.onnx</c>, <c>NAME.input.npy</c>, <c>NAME.output.npy</c>).
/// </summary>
internal static class TorchFixturePackage
{
    /// <summary>Writes the package into <paramref name="folder"/> (created) and returns it.</summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="fixture">The fixture name, e.g. <c>conv2d</c>.</param>
    /// <param name="description">The package's one-line description.</param>
    /// <param name="inputAxes">The input's axes as YAML list items, indented for the <c>axes:</c> key of a tensor.</param>
    /// <param name="outputAxes">The output's axes likewise.</param>
    /// <param name="preprocessing">Input preprocessing as one YAML flow list; none when null.</param>
    public static string Write(string folder, string fixture, string description, string inputAxes, string outputAxes, string? preprocessing)
    {
        Directory.CreateDirectory(folder);
        var torch = RepositoryPaths.Of("tests", "ModelZooBridge.OnnxRuntime.Tests", "Fixtures", "torch");
        File.Copy(Path.Combine(torch, $"{fixture}.onnx"), Path.Combine(folder, "weights.onnx"), overwrite: true);
        File.Copy(Path.Combine(torch, $"{fixture}.input.npy"), Path.Combine(folder, "input.npy"), overwrite: true);
        File.Copy(Path.Combine(torch, $"{fixture}.output.npy"), Path.Combine(folder, "output.npy"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "README.md"), $"# {fixture} test\n");
        string preprocessingEntry = preprocessing is null ? "" : $"\n    preprocessing: {preprocessing}";
        File.WriteAllText(Path.Combine(folder, "rdf.yaml"), $$$"""
            format_version: 0.5.4
            type: model
            name: {{{fixture}}} test
            description: {{{description}}}
            authors:
              - name: Test
            cite:
              - text: test
                doi: 10.5281/zenodo.5764892
            license: MIT
            documentation: README.md
            inputs:
              - id: input
                axes:
            {{{inputAxes}}}
                test_tensor: {source: input.npy}{{{preprocessingEntry}}}
            outputs:
              - id: output
                axes:
            {{{outputAxes}}}
                test_tensor: {source: output.npy}
            weights:
              onnx:
                source: weights.onnx
                opset_version: 13
            """);
        return folder;
    }
}
