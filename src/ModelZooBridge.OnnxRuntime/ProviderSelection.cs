namespace ModelZooBridge.OnnxRuntime;

/// <summary>Which execution provider a session was set up with, and why a preferred one was not used.</summary>
/// <param name="Provider">ORT's provider name: <c>CUDAExecutionProvider</c> or <c>CPUExecutionProvider</c>.</param>
/// <param name="DeviceId">The CUDA device index, or null on CPU.</param>
/// <param name="FallbackReason">Why CUDA was not used when <c>auto</c> fell back to CPU; null otherwise.</param>
public sealed record ProviderSelection(string Provider, int? DeviceId, string? FallbackReason)
{
    /// <summary>ORT's name of the CPU provider.</summary>
    public const string Cpu = "CPUExecutionProvider";

    /// <summary>ORT's name of the CUDA provider.</summary>
    public const string Cuda = "CUDAExecutionProvider";

    /// <summary>One line for run reports, e.g. <c>CPUExecutionProvider (CUDA not used: …)</c>.</summary>
    public override string ToString() =>
        (DeviceId is { } id ? $"{Provider} (device {id})" : Provider) + (FallbackReason is null ? "" : $" (CUDA not used: {FallbackReason})");
}
