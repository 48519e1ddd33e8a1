using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class OrtValueTests : OrtLeakCheck
{
    [Fact]
    public void ShapeAndLengthMismatchNamesBothNumbers()
    {
        var error = Assert.Throws<ArgumentException>(() => OrtValue.CreateTensor<float>(new float[10], [2, 3, 2]));
        Assert.Contains("[2,3,2] holds 12 elements but the memory holds 10", error.Message);
        Assert.Equal("shape", error.ParamName);
    }

    [Fact]
    public void TensorViewsManagedMemoryWithoutCopying()
    {
        var data = new int[] { 1, 2, 3, 4, 5, 6 };
        using var value = OrtValue.CreateTensor<int>(data, [2, 3]);
        data[4] = 42;
        Assert.Equal([1, 2, 3, 4, 42, 6], value.GetTensorDataAsSpan<int>().ToArray());
        Assert.Equal(DType.Int32, value.DType);
        Assert.Equal([2L, 3], value.Shape);
        Assert.Equal("int32[2,3]", value.ToString());
    }

    [Fact]
    public void ToNdArrayCopies()
    {
        var data = new double[] { 1.5, -2, 3 };
        using var value = OrtValue.CreateTensor<double>(data, [3]);
        using var copy = value.ToNdArray();
        data[0] = 0;
        Assert.Equal(DType.Float64, copy.DType);
        Assert.Equal([1.5, -2, 3], copy.As<double>().Span.ToArray());
    }

    [Fact]
    public void FromNdArrayKeepsDTypeAndShape()
    {
        using var array = NdArray.Create(DType.UInt8, [2, 2], AxisId.ParseAll("yx"));
        array.As<byte>().Span[3] = 7;
        using var value = OrtValue.FromNdArray(array);
        Assert.Equal(DType.UInt8, value.DType);
        Assert.Equal([2L, 2], value.Shape);
        Assert.Equal([0, 0, 0, 7], value.GetTensorDataAsSpan<byte>().ToArray());
    }

    [Fact]
    public void ReadingWithTheWrongElementTypeThrows()
    {
        using var value = OrtValue.CreateTensor<float>(new float[4], [4]);
        var error = Assert.Throws<InvalidOperationException>(() => value.GetTensorDataAsSpan<int>().ToArray());
        Assert.Contains("float32, not int32", error.Message);
    }

    [Fact]
    public void EmptyTensorHasNoElements()
    {
        using var value = OrtValue.CreateTensor<float>(Memory<float>.Empty, [0, 3]);
        Assert.Equal(0, value.ElementCount);
        Assert.True(value.GetTensorDataAsSpan<float>().IsEmpty);
    }
}
