using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class InferenceSessionTests : OrtLeakCheck
{
    [Fact]
    public void MetadataGivesNamesDTypesAndSymbolicDimensions()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("conv2d.onnx"));

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("input", input.Name);
        Assert.True(input.IsTensor);
        Assert.Equal(DType.Float32, input.ElementType);
        Assert.Equal([-1L, 2, -1, -1], input.Dimensions);
        Assert.Equal(["batch", "", "y", "x"], input.SymbolicDimensions);
        Assert.Equal("input: float32[batch,2,y,x]", input.ToString());
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("output", output.Name);
        Assert.Equal([-1L, 3, -1, -1], output.Dimensions);
    }

    [Fact]
    public void MetadataOfTwoInputTwoOutputModelKeepsGraphOrderAndDTypes()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("two_in_two_out.onnx"));

        Assert.Equal(["a", "b"], session.InputMetadata.Select(m => m.Name));
        Assert.Equal(["sum", "argmax"], session.OutputMetadata.Select(m => m.Name));
        Assert.Equal(DType.Int64, session.OutputMetadata[1].ElementType);
        Assert.Equal([2L, 4, 5], session.OutputMetadata[1].Dimensions);
    }

    [Fact]
    public void SessionFromBytesRunsLikeSessionFromPath()
    {
        var bytes = File.ReadAllBytes(OrtTestFiles.Torch("conv3d.onnx"));
        using var input = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("conv3d.input.npy"));
        using var expected = OrtTestFiles.ReadNpy(OrtTestFiles.Torch("conv3d.output.npy"));
        using var session = OrtTestFiles.OpenSession(bytes);
        using var value = OrtValue.FromNdArray(input);
        using var outputs = session.Run(["input"], [value], ["output"]);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(outputs[0].GetTensorDataAsSpan<float>(), expected.As<float>().Span), 0, 1e-4f);
    }

    [Fact]
    public void MissingModelFileIsNoSuchFile()
    {
        var error = Assert.Throws<OrtException>(() => new InferenceSession("/nonexistent/model.onnx"));
        Assert.Equal(OrtErrorCode.NoSuchFile, error.ErrorCode);
        Assert.StartsWith("[NoSuchFile] ", error.Message);
    }

    [Fact]
    public void BytesThatAreNotAModelAreRejected()
    {
        var error = Assert.Throws<OrtException>(() => new InferenceSession("not an onnx model"u8.ToArray()));
        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
    }

    [Fact]
    public void InputOfWrongShapeIsInvalidArgumentAndSessionStaysUsable()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("conv2d.onnx"));
        using var wrong = OrtValue.CreateTensor<float>(new float[5 * 8 * 8], [1, 5, 8, 8]);
        var error = Assert.Throws<OrtException>(() => session.Run(["input"], [wrong], ["output"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);

        using var right = OrtValue.CreateTensor<float>(new float[2 * 8 * 8], [1, 2, 8, 8]);
        using var outputs = session.Run(["input"], [right], ["output"]);
        Assert.Equal([1L, 3, 8, 8], outputs[0].Shape);
    }

    [Fact]
    public void NameAndValueCountsMustAgree()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("two_in_two_out.onnx"));
        using var a = OrtValue.CreateTensor<float>(new float[2 * 3 * 4 * 5], [2, 3, 4, 5]);
        var error = Assert.Throws<ArgumentException>(() => session.Run(["a", "b"], [a], ["sum"]));
        Assert.Contains("2 inputNames but 1 inputs", error.Message);
    }

    [Fact]
    public void UnknownOutputNameIsReportedByOrt()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("conv2d.onnx"));
        using var value = OrtValue.CreateTensor<float>(new float[2 * 4 * 4], [1, 2, 4, 4]);
        var error = Assert.Throws<OrtException>(() => session.Run(["input"], [value], ["nope"]));
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public void DisposedSessionThrowsObjectDisposed()
    {
        var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("conv2d.onnx"));
        session.Dispose();
        using var value = OrtValue.CreateTensor<float>(new float[2 * 4 * 4], [1, 2, 4, 4]);
        Assert.Throws<ObjectDisposedException>(() => session.Run(["input"], [value], ["output"]));
    }
}
