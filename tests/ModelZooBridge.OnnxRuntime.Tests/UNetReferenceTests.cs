using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

/// <summary>
/// The bioimage.io nuclei U-Net reproduces its packaged test output (spec-bioimage-io's unet2d_nuclei_broad): the
/// package's preprocessing (zero_mean_unit_variance over y,x) and postprocessing (sigmoid, not part of the ONNX graph)
/// are applied here by hand.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class UNetReferenceTests : OrtLeakCheck
{
    [Fact]
    public void ReproducesTestOutputFromNormalisedTestInput()
    {
        using var raw = OrtTestFiles.ReadNpy(OrtTestFiles.UNetPackage("test_input.npy"));
        using var expected = OrtTestFiles.ReadNpy(OrtTestFiles.UNetPackage("test_output.npy"));
        var input = ZeroMeanUnitVariancePerSample(raw.As<float>().Span.ToArray());
        using var options = OrtTestFiles.SmallOptions();
        using var session = new InferenceSession(OrtTestFiles.UNetModel, options);
        var inputName = Assert.Single(session.InputMetadata).Name;
        var outputName = Assert.Single(session.OutputMetadata).Name;
        using var value = OrtValue.CreateTensor<float>(input, raw.Shape.Select(d => (long)d).ToArray());

        using var outputs = session.Run([inputName], [value], [outputName]);

        Assert.Equal(expected.Shape.Select(d => (long)d), outputs[0].Shape);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>().ToArray().Select(v => (float)(1 / (1 + Math.Exp(-v)))).ToArray();
        Assert.InRange(OrtTestFiles.MaxAbsDifference(probabilities, expected.As<float>().Span), 0, 1e-4f);
    }

    /// <summary>The package's preprocessing on its single sample: (x - mean) / (population std + 1e-6) over y and x.</summary>
    private static float[] ZeroMeanUnitVariancePerSample(float[] x)
    {
        double mean = x.Average(v => (double)v);
        double variance = x.Average(v => (v - mean) * (v - mean));
        double std = Math.Sqrt(variance);
        return x.Select(v => (float)((v - mean) / (std + 1e-6))).ToArray();
    }
}
