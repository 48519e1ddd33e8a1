using Google.Protobuf;
using ModelZooBridge.Onnx.Proto;

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
    /// <param name="reverseWeights">
    /// Reverse the order of every weight and bias tensor's values: a different network of the same shape (e.g. an
    /// ensemble member). Its test output file is then not its output.
    /// </param>
    /// <param name="postprocessing">Postprocessing ops of the output as one YAML flow list, e.g. <c>[{id: sigmoid}]</c>; none when null.</param>
    /// <param name="preprocessing">Preprocessing ops of the input as one YAML flow list, e.g. <c>[{id: zero_mean_unit_variance, kwargs: {axes: [y, x]}}]</c>; none when null.</param>
    public static string Write(string folder, int halo, bool reverseWeights = false, string? postprocessing = null, string? preprocessing = null)
    {
        Directory.CreateDirectory(folder);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(FixturePackage.TorchFixtures, "conv2d.onnx")));
        if (reverseWeights)
        {
            foreach (var tensor in model.Graph.Initializer)
            {
                var floats = tensor.RawData.Chunk(sizeof(float)).Reverse().SelectMany(b => b).ToArray();
                tensor.RawData = ByteString.CopyFrom(floats);
            }
        }
        File.WriteAllBytes(Path.Combine(folder, "weights.onnx"), model.ToByteArray());
        FixturePackage.Copy("conv2d.input.npy", folder, "input.npy");
        FixturePackage.Copy("conv2d.output.npy", folder, "output.npy");
        string haloEntry = halo > 0 ? $", halo: {halo}" : "";
        string postprocessingEntry = postprocessing is null ? "" : $"\n    postprocessing: {postprocessing}";
        string preprocessingEntry = preprocessing is null ? "" : $"\n    preprocessing: {preprocessing}";
        FixturePackage.WriteDescription(folder, "conv2d test", "two 3x3 convolutions", $$$"""
            inputs:
              - id: input
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [a, b]
                  - {type: space, id: y, size: {min: 8, step: 1}}
                  - {type: space, id: x, size: {min: 8, step: 1}}
                test_tensor: {source: input.npy}{{{preprocessingEntry}}}
            outputs:
              - id: output
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [p, q, r]
                  - {type: space, id: y, size: {tensor_id: input, axis_id: y}{{{haloEntry}}}}
                  - {type: space, id: x, size: {tensor_id: input, axis_id: x}{{{haloEntry}}}}
                test_tensor: {source: output.npy}{{{postprocessingEntry}}}
            """);
        return folder;
    }
}
