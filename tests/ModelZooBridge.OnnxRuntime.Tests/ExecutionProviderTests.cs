using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

/// <summary>
/// The CI library is the npm CPU build, which lacks the CUDA provider libraries; each test asserts the failure path
/// there, and the success path when a GPU build (libonnxruntime_providers_cuda.so beside the library) is configured.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class ExecutionProviderTests : OrtLeakCheck
{
    private static bool CudaProviderPresent =>
        File.Exists(Path.Combine(Path.GetDirectoryName(OrtLibrary.Load().Path)!, "libonnxruntime_providers_cuda.so"));

    [Fact]
    public void AppendCudaWithoutTheProviderFailsCleanlyAndOptionsStayUsable()
    {
        using var options = OrtTestFiles.SmallOptions();
        if (CudaProviderPresent)
        {
            options.AppendCudaProvider(0);
            return;
        }

        var error = Assert.Throws<OrtException>(() => options.AppendCudaProvider(0));
        Assert.Equal(OrtErrorCode.Fail, error.ErrorCode);
        Assert.Contains("CUDA execution provider (device 0) is not available in", error.Message);
        Assert.Contains("libonnxruntime_providers_cuda.so", error.Message);
        Assert.Contains("providers_shared", error.Message); // the reason ORT only logged
        Assert.DoesNotContain('\n', error.Message);

        using var session = new InferenceSession(OrtTestFiles.Torch("conv2d.onnx"), options);
        using var value = OrtValue.CreateTensor<float>(new float[2 * 4 * 4], [1, 2, 4, 4]);
        using var outputs = session.Run(["input"], [value], ["output"]);
        Assert.Equal([1L, 3, 4, 4], outputs[0].Shape);
    }

    [Fact]
    public void AutoFallsBackToCpuAndSaysWhy()
    {
        using var options = OrtTestFiles.SmallOptions();
        var selection = ExecutionProviders.Apply(options, DeviceRequest.Parse("auto"));
        if (CudaProviderPresent)
        {
            Assert.Equal(ProviderSelection.Cuda, selection.Provider);
            return;
        }

        Assert.Equal(ProviderSelection.Cpu, selection.Provider);
        Assert.Null(selection.DeviceId);
        Assert.Contains("not available", selection.FallbackReason);
        Assert.StartsWith("CPUExecutionProvider (CUDA not used: CUDA execution provider (device 0)", selection.ToString());
        using var session = new InferenceSession(OrtTestFiles.Torch("conv2d.onnx"), options);
    }

    [Fact]
    public void CpuAddsNothingAndExplicitCudaThrowsWhenUnavailable()
    {
        using var options = OrtTestFiles.SmallOptions();
        Assert.Equal(new ProviderSelection(ProviderSelection.Cpu, null, null), ExecutionProviders.Apply(options, DeviceRequest.Parse("CPU")));
        if (CudaProviderPresent)
            return;
        var error = Assert.Throws<OrtException>(() => ExecutionProviders.Apply(options, DeviceRequest.Parse("cuda:1")));
        Assert.Contains("(device 1)", error.Message);
    }
}
