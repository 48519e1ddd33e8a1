namespace ModelZooBridge.OnnxRuntime;

/// <summary>What <c>--device</c> asks for.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when it works, otherwise CPU (with the reason).</summary>
    Auto,
    /// <summary>CPU only.</summary>
    Cpu,
    /// <summary>CUDA only; failing to start it is an error.</summary>
    Cuda,
}
