using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

[Trait("Area", "OnnxRuntime")]
public sealed class DeviceRequestTests
{
    [Theory]
    [InlineData("auto", DeviceKind.Auto, 0)]
    [InlineData("cpu", DeviceKind.Cpu, 0)]
    [InlineData("cuda", DeviceKind.Cuda, 0)]
    [InlineData("CUDA:3", DeviceKind.Cuda, 3)]
    public void DeviceOptionParses(string text, DeviceKind kind, int id)
    {
        Assert.Equal(new DeviceRequest(kind, id), DeviceRequest.Parse(text));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cpu:0")]
    public void BadDeviceOptionListsTheAcceptedForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => DeviceRequest.Parse(text));
        Assert.Equal($"device '{text}' is not one of auto, cpu, cuda, cuda:N (N = 0, 1, …)", error.Message);
    }
}
