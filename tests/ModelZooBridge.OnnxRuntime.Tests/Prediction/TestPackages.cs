using Google.Protobuf;
using ModelZooBridge.Onnx.Proto;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>Temporary package folders around the fixture ONNX models, with descriptions written here.</summary>
internal sealed class TestPackages : IDisposable
{
    public TestPackages() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"mzb-predict-test-{Guid.NewGuid():N}");

    /// <summary>One intra-op thread on CPU: the test machine has two shared cores.</summary>
    public static PredictorOptions Options(int batchSize = 1, int? overlap = null) =>
        new() { Device = DeviceRequest.Parse("cpu"), IntraOpThreads = 1, BatchSize = batchSize, Overlap = overlap };

    /// <summary>The 2-D conv net (2 → 3 channels, two 3×3 convolutions: receptive radius 2) with dynamic y/x.</summary>
    /// <param name="halo">Output halo on y and x; 0 writes no halo (blending).</param>
    /// <param name="reverseWeights">A different network of the same shape (<see cref="Conv2dTestPackage.Write"/>).</param>
    /// <param name="sigmoid">Describe a sigmoid as the output's postprocessing.</param>
    public string Conv2d(int halo, bool reverseWeights = false, bool sigmoid = false)
    {
        var folder = Conv2dTestPackage.Write(Folder($"conv2d-halo{halo}{(reverseWeights ? "-reversed" : "")}{(sigmoid ? "-sigmoid" : "")}"), halo, reverseWeights);
        if (sigmoid)
        {
            var description = Path.Combine(folder, "rdf.yaml");
            const string outputTest = "test_tensor: {source: output.npy}";
            File.WriteAllText(description, File.ReadAllText(description).Replace(outputTest, outputTest + "\n    postprocessing:\n      - id: sigmoid", StringComparison.Ordinal));
        }
        return folder;
    }

    /// <summary>The 3-D conv net (1 → 2 channels, one 3×3×3 convolution and a sigmoid: receptive radius 1), dynamic z/y/x, halo 1.</summary>
    public string Conv3d()
    {
        var folder = Folder("conv3d");
        File.Copy(OrtTestFiles.Torch("conv3d.onnx"), Path.Combine(folder, "weights.onnx"));
        File.Copy(OrtTestFiles.Torch("conv3d.input.npy"), Path.Combine(folder, "input.npy"));
        File.Copy(OrtTestFiles.Torch("conv3d.output.npy"), Path.Combine(folder, "output.npy"));
        File.WriteAllText(Path.Combine(folder, "README.md"), "# conv3d test\n");
        File.WriteAllText(Path.Combine(folder, "rdf.yaml"), """
            format_version: 0.5.4
            type: model
            name: conv3d test
            description: one 3x3x3 convolution
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
                  - type: batch
                  - type: channel
                    channel_names: [raw]
                  - {type: space, id: z, size: {min: 4, step: 1}}
                  - {type: space, id: y, size: {min: 4, step: 1}}
                  - {type: space, id: x, size: {min: 4, step: 1}}
                test_tensor: {source: input.npy}
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
            weights:
              onnx:
                source: weights.onnx
                opset_version: 13
            """);
        return folder;
    }

    /// <summary>
    /// The nuclei U-Net package; <paramref name="tileable"/> replaces its fixed 512 sizes by min 64, step 16 in the
    /// description and, unless <paramref name="fixedGraph"/>, makes the graph's y and x dynamic.
    /// </summary>
    public string UNet(bool tileable, bool fixedGraph = false)
    {
        var folder = Folder($"unet-{tileable}-{fixedGraph}");
        foreach (var file in new[] { "test_input.npy", "test_output.npy", "test_input.png", "test_output.png", "README.md", "cover0.png", "environment.yaml" })
            File.Copy(OrtTestFiles.UNetPackage(file), Path.Combine(folder, file));
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OrtTestFiles.UNetModel));
        if (tileable && !fixedGraph)
        {
            // The export fixed y and x at 512; the network itself is fully convolutional.
            foreach (var value in model.Graph.Input.Concat(model.Graph.Output))
            {
                var dims = value.Type.TensorType.Shape.Dim;
                dims[2] = new TensorShapeProto.Types.Dimension { DimParam = "y" };
                dims[3] = new TensorShapeProto.Types.Dimension { DimParam = "x" };
            }
        }
        File.WriteAllBytes(Path.Combine(folder, "weights.onnx"), model.ToByteArray());
        var yaml = File.ReadAllText(OrtTestFiles.UNetPackage("bioimageio.yaml"));
        if (tileable) yaml = yaml.Replace("size: 512", "size: {min: 64, step: 16}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "bioimageio.yaml"), yaml);
        return folder;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    private string Folder(string name)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
