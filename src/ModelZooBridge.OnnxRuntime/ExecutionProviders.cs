namespace ModelZooBridge.OnnxRuntime;

/// <summary>Applies a <c>--device</c> choice to <see cref="SessionOptions"/> and says what will run.</summary>
public static class ExecutionProviders
{
    /// <summary>
    /// Adds the provider <paramref name="request"/> asks for. <c>cpu</c> adds nothing (ORT always has CPU);
    /// <c>cuda[:N]</c> adds CUDA or throws; <c>auto</c> tries CUDA and, when that fails, stays on CPU and returns the reason.
    /// </summary>
    /// <param name="options">The options to add the provider to; they stay usable after a failed CUDA attempt.</param>
    /// <param name="request">The parsed <c>--device</c> value.</param>
    /// <exception cref="OrtException">For an explicit CUDA request that cannot be met.</exception>
    public static ProviderSelection Apply(SessionOptions options, DeviceRequest request)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (request.Kind)
        {
            case DeviceKind.Cpu:
                return new ProviderSelection(ProviderSelection.Cpu, null, null);
            case DeviceKind.Cuda:
                options.AppendCudaProvider(request.CudaDeviceId);
                return new ProviderSelection(ProviderSelection.Cuda, request.CudaDeviceId, null);
            default:
                try
                {
                    options.AppendCudaProvider(request.CudaDeviceId);
                    return new ProviderSelection(ProviderSelection.Cuda, request.CudaDeviceId, null);
                }
                catch (OrtException e)
                {
                    return new ProviderSelection(ProviderSelection.Cpu, null, e.OrtMessage);
                }
        }
    }
}
