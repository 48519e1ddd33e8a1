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
    /// <param name="postprocessing">Output postprocessing as a YAML flow list; none when null.</param>
    /// <param name="preprocessing">Input preprocessing as a YAML flow list; none when null.</param>
    public string Conv2d(int halo, bool reverseWeights = false, string? postprocessing = null, string? preprocessing = null) =>
        Conv2dTestPackage.Write(Folder($"conv2d-halo{halo}-{Guid.NewGuid():N}"), halo, reverseWeights, postprocessing, preprocessing);

    /// <summary>The 3-D conv net (1 → 2 channels, 3×3×3 convolution and sigmoid: receptive radius 1), halo 1, dynamic z/y/x.</summary>
    /// <param name="preprocessing">Input preprocessing as a YAML flow list; none when null.</param>
    public string Conv3d(string? preprocessing = null) => Conv3dTestPackage.Write(Folder($"conv3d-{Guid.NewGuid():N}"), preprocessing);

    /// <summary>The two-input image + mask conv net (receptive radius 2), halo 2, dynamic y/x (<see cref="ImageMaskTestPackage.Write"/>).</summary>
    /// <param name="maskSize">The YAML size of the mask's y and x; by default a reference to the image's.</param>
    /// <param name="outputXFollows">The input whose x the output's x size references.</param>
    public string ImageMask(string? maskSize = null, string outputXFollows = "image") =>
        ImageMaskTestPackage.Write(Folder($"image-mask-{Guid.NewGuid():N}"), maskSize, outputXFollows: outputXFollows);

    /// <summary>The image + per-channel scale fixture (<see cref="ScaledConvTestPackage.Write"/>): an input without spatial axes.</summary>
    public string ScaledConv() => ScaledConvTestPackage.Write(Folder($"scaled-conv-{Guid.NewGuid():N}"));

    /// <summary>
    /// The nuclei U-Net package; <paramref name="tileable"/> replaces its fixed 512 sizes by min 64, step 16 in the
    /// description and, unless <paramref name="fixedGraph"/>, makes the graph's y and x dynamic.
    /// </summary>
    public string UNet(bool tileable, bool fixedGraph = false)
    {
        var folder = Folder($"unet-{tileable}-{fixedGraph}");
        foreach (var file in new[] { "test_input.npy", "test_output.npy", "test_input.png", "test_output.png", "README.md", "cover0.png", "environment.yaml" })
            File.Copy(OrtTestFiles.UNetPackage(file), Path.Combine(folder, file));
        File.WriteAllBytes(Path.Combine(folder, "weights.onnx"),
            tileable && !fixedGraph ? UNetGraph.Dynamic() : File.ReadAllBytes(OrtTestFiles.UNetModel));
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
