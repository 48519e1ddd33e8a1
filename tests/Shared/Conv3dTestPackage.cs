namespace ModelZooBridge.Tests;

/// <summary>
/// A package folder around the PyTorch-exported 3-D conv net fixture (1 → 2 channels, one 3×3×3 convolution and a
/// sigmoid: receptive radius 1, dynamic z/y/x), with a 0.5 description written here that declares a halo of 1.
/// </summary>
internal static class Conv3dTestPackage
{
    /// <summary>Writes the package into <paramref name="folder"/> (created) and returns it.</summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="preprocessing">Preprocessing ops of the input as one YAML flow list; none when null.</param>
    public static string Write(string folder, string? preprocessing = null)
    {
        Directory.CreateDirectory(folder);
        FixturePackage.Copy("conv3d.onnx", folder, "weights.onnx");
        FixturePackage.Copy("conv3d.input.npy", folder, "input.npy");
        FixturePackage.Copy("conv3d.output.npy", folder, "output.npy");
        string preprocessingEntry = preprocessing is null ? "" : $"\n    preprocessing: {preprocessing}";
        FixturePackage.WriteDescription(folder, "conv3d test", "one 3x3x3 convolution and a sigmoid", $$$"""
            inputs:
              - id: input
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [a]
                  - {type: space, id: z, size: {min: 4, step: 1}}
                  - {type: space, id: y, size: {min: 4, step: 1}}
                  - {type: space, id: x, size: {min: 4, step: 1}}
                test_tensor: {source: input.npy}{{{preprocessingEntry}}}
            outputs:
              - id: output
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [p, q]
                  - {type: space, id: z, size: {tensor_id: input, axis_id: z}, halo: 1}
                  - {type: space, id: y, size: {tensor_id: input, axis_id: y}, halo: 1}
                  - {type: space, id: x, size: {tensor_id: input, axis_id: x}, halo: 1}
                test_tensor: {source: output.npy}
            """);
        return folder;
    }
}
