namespace ModelZooBridge.Tests;

/// <summary>
/// A package folder around the PyTorch-exported <c>ScaledConv</c> fixture: a 3×3 convolution of a 1-channel image
/// (radius 1, dynamic y/x) scaled per output channel by a second input <c>scale</c> with batch and channel axes only,
/// which goes whole with every block. 0.5 description written here, halo 1.
/// </summary>
internal static class ScaledConvTestPackage
{
    /// <summary>Writes the package into <paramref name="folder"/> (created) and returns it.</summary>
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        FixturePackage.Copy("scaled_conv.onnx", folder, "weights.onnx");
        FixturePackage.Copy("scaled_conv.image.npy", folder, "image.npy");
        FixturePackage.Copy("scaled_conv.scale.npy", folder, "scale.npy");
        FixturePackage.Copy("scaled_conv.output.npy", folder, "output.npy");
        FixturePackage.WriteDescription(folder, "scaled conv test", "a convolution scaled per channel by a second input", """
            inputs:
              - id: image
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [raw]
                  - {type: space, id: y, size: {min: 4, step: 1}}
                  - {type: space, id: x, size: {min: 4, step: 1}}
                test_tensor: {source: image.npy}
              - id: scale
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [p, q]
                test_tensor: {source: scale.npy}
            outputs:
              - id: output
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [p, q]
                  - {type: space, id: y, size: {tensor_id: image, axis_id: y}, halo: 1}
                  - {type: space, id: x, size: {tensor_id: image, axis_id: x}, halo: 1}
                test_tensor: {source: output.npy}
            """, opset: 17);
        return folder;
    }
}
