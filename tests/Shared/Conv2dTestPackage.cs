namespace ModelZooBridge.Tests;

/// <summary>
/// A package folder around the PyTorch-exported 2-D conv net fixture (2 → 3 channels, two 3×3 convolutions:
/// receptive radius 2, dynamic y/x), with a 0.5 description written here (linked into the test projects that predict).
/// </summary>
internal static class Conv2dTestPackage
{
    /// <summary>Writes the package into <paramref name="folder"/> (created) and returns it.</summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="halo">Output halo on y and x; 0 declares none, so tiles are blended.</param>
    /// <param name="preprocessing">Preprocessing ops of the input as one YAML flow list, e.g. <c>[{id: zero_mean_unit_variance, kwargs: {axes: [y, x]}}]</c>; none when null.</param>
    public static string Write(string folder, int halo, string? preprocessing = null)
    {
        string haloEntry = halo > 0 ? $", halo: {halo}" : "";
        return TorchFixturePackage.Write(folder, "conv2d", "two 3x3 convolutions",
            """
                  - type: batch
                  - type: channel
                    channel_names: [a, b]
                  - {type: space, id: y, size: {min: 8, step: 1}}
                  - {type: space, id: x, size: {min: 8, step: 1}}
            """,
            $$"""
                  - type: batch
                  - type: channel
                    channel_names: [p, q, r]
                  - {type: space, id: y, size: {tensor_id: input, axis_id: y}{{haloEntry}}}
                  - {type: space, id: x, size: {tensor_id: input, axis_id: x}{{haloEntry}}}
            """, preprocessing);
    }
}
