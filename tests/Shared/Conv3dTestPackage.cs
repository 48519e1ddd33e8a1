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
    public static string Write(string folder, string? preprocessing = null) =>
        TorchFixturePackage.Write(folder, "conv3d", "one 3x3x3 convolution and a sigmoid",
            """
                  - type: batch
                  - type: channel
                    channel_names: [a]
                  - {type: space, id: z, size: {min: 4, step: 1}}
                  - {type: space, id: y, size: {min: 4, step: 1}}
                  - {type: space, id: x, size: {min: 4, step: 1}}
            """,
            """
                  - type: batch
                  - type: channel
                    channel_names: [p, q]
                  - {type: space, id: z, size: {tensor_id: input, axis_id: z}, halo: 1}
                  - {type: space, id: y, size: {tensor_id: input, axis_id: y}, halo: 1}
                  - {type: space, id: x, size: {tensor_id: input, axis_id: x}, halo: 1}
            """, preprocessing);
}
