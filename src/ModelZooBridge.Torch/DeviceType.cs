namespace ModelZooBridge.Torch;

/// <summary>The device kinds the shim exposes (the values of <c>MZB_DEVICE_*</c>).</summary>
public enum DeviceType
{
    /// <summary>The CPU.</summary>
    Cpu = 0,
    /// <summary>An NVIDIA GPU through CUDA.</summary>
    Cuda = 1,
}
