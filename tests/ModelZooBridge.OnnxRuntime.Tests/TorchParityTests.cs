using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

/// <summary>ORT through the binding reproduces PyTorch's own outputs for models PyTorch exported (make_models.py).</summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class TorchParityTests : OrtLeakCheck
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData("conv2d")]
    [InlineData("conv3d")]
    public void SingleInputNetMatchesTorch(string model)
    {
        using var input = OrtTestFiles.ReadNpy(OrtTestFiles.Torch($"{model}.input.npy"));
        using var expected = OrtTestFiles.ReadNpy(OrtTestFiles.Torch($"{model}.output.npy"));
        using var options = OrtTestFiles.SmallOptions();
        using var session = new InferenceSession(OrtTestFiles.Torch($"{model}.onnx"), options);
        using var value = OrtValue.FromNdArray(input);
        using var outputs = session.Run(["input"], [value], ["output"]);

        var output = outputs["output"];
        Assert.Equal(DType.Float32, output.DType);
        Assert.Equal(expected.Shape.Select(d => (long)d), output.Shape);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(output.GetTensorDataAsSpan<float>(), expected.As<float>().Span), 0, Tolerance);
    }

    [Fact]
    public void Conv2dAcceptsOtherSpatialSizesThroughItsDynamicAxes()
    {
        using var options = OrtTestFiles.SmallOptions();
        using var session = new InferenceSession(OrtTestFiles.Torch("conv2d.onnx"), options);
        var data = new float[2 * 2 * 9 * 31];
        using var value = OrtValue.CreateTensor<float>(data, [2, 2, 9, 31]);
        using var outputs = session.Run(["input"], [value], ["output"]);
        Assert.Equal([2L, 3, 9, 31], outputs[0].Shape);
    }

    [Fact]
    public void TwoInputsTwoOutputsOfDifferentDTypesMatchTorch()
    {
        using var a = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("two_in_two_out.a.npy"));
        using var b = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("two_in_two_out.b.npy"));
        using var sum = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("two_in_two_out.sum.npy"));
        using var argmax = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("two_in_two_out.argmax.npy"));
        using var options = OrtTestFiles.SmallOptions();
        using var session = new InferenceSession(OrtTestFiles.Torch("two_in_two_out.onnx"), options);
        using var va = OrtValue.FromNdArray(a);
        using var vb = OrtValue.FromNdArray(b);

        // Outputs come back in the order asked for, which here is the reverse of the graph's.
        using var outputs = session.Run(["b", "a"], [vb, va], ["argmax", "sum"]);

        Assert.Equal(["argmax", "sum"], outputs.Names);
        Assert.Equal(DType.Int64, outputs[0].DType);
        Assert.Equal(argmax.As<long>().Span.ToArray(), outputs[0].GetTensorDataAsSpan<long>().ToArray());
        Assert.InRange(OrtTestFiles.MaxAbsDifference(outputs[1].GetTensorDataAsSpan<float>(), sum.As<float>().Span), 0, Tolerance);
        using var copy = outputs["sum"].ToNdArray(AxisId.ParseAll("bcyx"));
        Assert.Equal("bcyx", copy.AxesString);
        Assert.Equal(sum.Shape.ToArray(), copy.Shape.ToArray());
    }

    [Fact]
    public void ConcurrentRunsOnOneSessionEachMatchTorch()
    {
        using var input = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("conv2d.input.npy"));
        using var expected = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("conv2d.output.npy"));
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("conv2d.onnx"));
        var differences = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ =>
        {
            using var value = OrtValue.FromNdArray(input);
            using var outputs = session.Run(["input"], [value], ["output"]);
            return OrtTestFiles.MaxAbsDifference(outputs[0].GetTensorDataAsSpan<float>(), expected.As<float>().Span);
        }).ToArray();
        Assert.All(differences, d => Assert.InRange(d, 0, Tolerance));
    }
}
