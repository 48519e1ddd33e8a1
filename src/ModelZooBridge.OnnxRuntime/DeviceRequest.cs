namespace ModelZooBridge.OnnxRuntime;

/// <summary>A parsed <c>--device auto|cpu|cuda[:N]</c> value.</summary>
/// <param name="Kind">Which device kind.</param>
/// <param name="CudaDeviceId">The CUDA device index for <see cref="DeviceKind.Cuda"/> and <see cref="DeviceKind.Auto"/> (default 0).</param>
public readonly record struct DeviceRequest(DeviceKind Kind, int CudaDeviceId = 0)
{
    /// <summary>The default, <c>auto</c>.</summary>
    public static DeviceRequest Auto => new(DeviceKind.Auto);

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <param name="text">The option value.</param>
    /// <exception cref="FormatException">For anything else; the message lists the accepted forms.</exception>
    public static DeviceRequest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == "auto")
            return new DeviceRequest(DeviceKind.Auto);
        if (value == "cpu")
            return new DeviceRequest(DeviceKind.Cpu);
        if (value == "cuda")
            return new DeviceRequest(DeviceKind.Cuda);
        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return new DeviceRequest(DeviceKind.Cuda, id);
        throw new FormatException($"device '{text}' is not one of auto, cpu, cuda, cuda:N (N = 0, 1, …)");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => $"cuda:{CudaDeviceId}",
        _ => "auto",
    };
}
