namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>How <see cref="HaloProbe"/> probes a model.</summary>
public sealed record HaloProbeOptions
{
    /// <summary>Size wanted on each probed axis in the first round (rounded up to <c>min + n·step</c>; default 64).</summary>
    public int StartSize { get; init; } = 64;

    /// <summary>
    /// Largest size a probed axis grows to while the response still reaches the probe's border (default 512);
    /// a response that reaches it even then is reported as a lower bound.
    /// </summary>
    public int MaxSize { get; init; } = 512;

    /// <summary>Seed of the random background (the probe is deterministic for a given seed).</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>An output counts as changed when it moves by more than this (default 0: any change, bit for bit).</summary>
    public double Tolerance { get; init; }
}
