namespace ModelZooBridge.Tests;

/// <summary>
/// A package folder around the PyTorch-exported two-input fixture (<c>ImageMaskNet</c>: a 3×3 convolution of a
/// 1-channel image plus a 5×5 convolution of a 2-channel mask, summed to 2 channels; receptive radius 2, dynamic y/x),
/// with a 0.5 description written here: the mask's y and x follow the image's, the output declares a halo of 2 by default.
/// </summary>
internal static class ImageMaskTestPackage
{
    /// <summary>Writes the package into <paramref name="folder"/> (created) and returns it.</summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="maskSize">The YAML size of the mask's y and x; by default a reference to the image's axis of the same id.</param>
    /// <param name="preprocessing">Preprocessing ops of the image as one YAML flow list; none when null.</param>
    /// <param name="outputXFollows">The input whose x the output's x size references (the mask's x follows the image's).</param>
    /// <param name="halo">The output halo on y and x; 0 declares none.</param>
    public static string Write(string folder, string? maskSize = null, string? preprocessing = null, string outputXFollows = "image", int halo = 2)
    {
        Directory.CreateDirectory(folder);
        FixturePackage.Copy("image_mask.onnx", folder, "weights.onnx");
        FixturePackage.Copy("image_mask.image.npy", folder, "image.npy");
        FixturePackage.Copy("image_mask.mask.npy", folder, "mask.npy");
        FixturePackage.Copy("image_mask.output.npy", folder, "output.npy");
        string preprocessingEntry = preprocessing is null ? "" : $"\n    preprocessing: {preprocessing}";
        string maskY = maskSize ?? "{tensor_id: image, axis_id: y}", maskX = maskSize ?? "{tensor_id: image, axis_id: x}";
        string haloEntry = halo > 0 ? $", halo: {halo}" : "";
        FixturePackage.WriteDescription(folder, "image and mask test", "a convolution of an image plus one of a mask", $$$"""
            inputs:
              - id: image
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [raw]
                  - {type: space, id: y, size: {min: 8, step: 1}}
                  - {type: space, id: x, size: {min: 8, step: 1}}
                test_tensor: {source: image.npy}{{{preprocessingEntry}}}
              - id: mask
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [background, foreground]
                  - {type: space, id: y, size: {{{maskY}}}}
                  - {type: space, id: x, size: {{{maskX}}}}
                test_tensor: {source: mask.npy}
            outputs:
              - id: output
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [p, q]
                  - {type: space, id: y, size: {tensor_id: image, axis_id: y}{{{haloEntry}}}}
                  - {type: space, id: x, size: {tensor_id: {{{outputXFollows}}}, axis_id: x}{{{haloEntry}}}}
                test_tensor: {source: output.npy}
            """, opset: 17);
        return folder;
    }
}
