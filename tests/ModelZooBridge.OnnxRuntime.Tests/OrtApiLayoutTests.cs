using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.Tests;

/// <summary>
/// The struct's slots sit where the ORT 1.29/1.30 header puts them: indices from the feasibility study's layout dump of
/// the compiled header (byte offset / 8), which were each called against the 1.30.0 library.
/// </summary>
[Trait("Area", "OnnxRuntime")]
public sealed unsafe class OrtApiLayoutTests
{
    [Fact]
    public void DeclaredPrefixHasOnePointerPerSlot()
    {
        Assert.Equal(OrtApi.DeclaredSlots * sizeof(IntPtr), sizeof(OrtApi));
    }

    [Fact]
    public void CalledSlotsHaveTheHeaderIndices()
    {
        var api = default(OrtApi);
        var start = (byte*)&api;
        int Slot(void* field) => (int)(((byte*)field - start) / sizeof(IntPtr));

        Assert.Equal(1, Slot(&api.GetErrorCode));
        Assert.Equal(2, Slot(&api.GetErrorMessage));
        Assert.Equal(4, Slot(&api.CreateEnvWithCustomLogger));
        Assert.Equal(6, Slot(&api.DisableTelemetryEvents));
        Assert.Equal(7, Slot(&api.CreateSession));
        Assert.Equal(8, Slot(&api.CreateSessionFromArray));
        Assert.Equal(9, Slot(&api.Run));
        Assert.Equal(10, Slot(&api.CreateSessionOptions));
        Assert.Equal(22, Slot(&api.SetSessionLogSeverityLevel));
        Assert.Equal(23, Slot(&api.SetSessionGraphOptimizationLevel));
        Assert.Equal(24, Slot(&api.SetIntraOpNumThreads));
        Assert.Equal(25, Slot(&api.SetInterOpNumThreads));
        Assert.Equal(30, Slot(&api.SessionGetInputCount));
        Assert.Equal(31, Slot(&api.SessionGetOutputCount));
        Assert.Equal(33, Slot(&api.SessionGetInputTypeInfo));
        Assert.Equal(34, Slot(&api.SessionGetOutputTypeInfo));
        Assert.Equal(36, Slot(&api.SessionGetInputName));
        Assert.Equal(37, Slot(&api.SessionGetOutputName));
        Assert.Equal(39, Slot(&api.CreateRunOptions));
        Assert.Equal(46, Slot(&api.RunOptionsSetTerminate));
        Assert.Equal(49, Slot(&api.CreateTensorWithDataAsOrtValue));
        Assert.Equal(50, Slot(&api.IsTensor));
        Assert.Equal(51, Slot(&api.GetTensorMutableData));
        Assert.Equal(55, Slot(&api.CastTypeInfoToTensorInfo));
        Assert.Equal(56, Slot(&api.GetOnnxTypeFromTypeInfo));
        Assert.Equal(60, Slot(&api.GetTensorElementType));
        Assert.Equal(61, Slot(&api.GetDimensionsCount));
        Assert.Equal(62, Slot(&api.GetDimensions));
        Assert.Equal(63, Slot(&api.GetSymbolicDimensions));
        Assert.Equal(65, Slot(&api.GetTensorTypeAndShape));
        Assert.Equal(69, Slot(&api.CreateCpuMemoryInfo));
        Assert.Equal(76, Slot(&api.AllocatorFree));
        Assert.Equal(78, Slot(&api.GetAllocatorWithDefaultOptions));
        Assert.Equal(92, Slot(&api.ReleaseEnv));
        Assert.Equal(93, Slot(&api.ReleaseStatus));
        Assert.Equal(94, Slot(&api.ReleaseMemoryInfo));
        Assert.Equal(95, Slot(&api.ReleaseSession));
        Assert.Equal(96, Slot(&api.ReleaseValue));
        Assert.Equal(97, Slot(&api.ReleaseRunOptions));
        Assert.Equal(98, Slot(&api.ReleaseTypeInfo));
        Assert.Equal(99, Slot(&api.ReleaseTensorTypeAndShapeInfo));
        Assert.Equal(100, Slot(&api.ReleaseSessionOptions));
        Assert.Equal(125, Slot(&api.GetAvailableProviders));
        Assert.Equal(126, Slot(&api.ReleaseAvailableProviders));
        Assert.Equal(130, Slot(&api.AddSessionConfigEntry));
        Assert.Equal(152, Slot(&api.SessionOptionsAppendExecutionProvider_CUDA));
        Assert.Equal(204, Slot(&api.SessionOptionsAppendExecutionProvider_CUDA_V2));
        Assert.Equal(205, Slot(&api.CreateCUDAProviderOptions));
        Assert.Equal(206, Slot(&api.UpdateCUDAProviderOptions));
        Assert.Equal(208, Slot(&api.ReleaseCUDAProviderOptions));
    }
}
