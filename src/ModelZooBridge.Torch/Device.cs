namespace ModelZooBridge.Torch;

/// <summary>Where a tensor lives, as libtorch's <c>c10::Device</c>: the CPU, or a CUDA GPU by index.</summary>
/// <param name="Kind">CPU or CUDA.</param>
/// <param name="Index">The GPU's index (0 for the CPU).</param>
public readonly record struct Device(DeviceType Kind, int Index = 0)
{
    /// <summary>The CPU.</summary>
    public static Device Cpu => new(DeviceType.Cpu);

    /// <summary>A CUDA GPU (only with a CUDA build of libtorch; Debian's has none).</summary>
    /// <param name="index">The GPU's index.</param>
    public static Device Cuda(int index = 0) => new(DeviceType.Cuda, index);

    /// <summary>PyTorch's spelling: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public override string ToString() => Kind == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
