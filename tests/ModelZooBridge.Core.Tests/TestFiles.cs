namespace ModelZooBridge.Tests;

/// <summary>Paths of the committed fixtures (see Fixtures/README.md), copied next to the test assembly.</summary>
public static class TestFiles
{
    /// <summary>The fixtures folder in the test output.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Real ONNX weights of the bioimage.io example U-Net (IR 9, opset 20).</summary>
    public static string UNetNucleiBroadOnnx => Path.Combine(Root, "onnx", "unet2d_nuclei_broad.onnx");

    /// <summary>A tiny ONNX from onnx.helper with symbolic dims, three inputs, opset 17.</summary>
    public static string TinySymbolicOnnx => Path.Combine(Root, "onnx", "tiny_symbolic.onnx");

    /// <summary>QuPath's 995-byte packaged description (one member, rdf.yaml).</summary>
    public static string StardistExampleZip => Path.Combine(Root, "packages", "stardist_example_model.zip");
}
