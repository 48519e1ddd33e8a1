using System.Collections.Immutable;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>What a prediction did: the provider that ran, the tiling and where the time went.</summary>
/// <param name="Mode"><c>whole</c> (one block covering the image) or <c>tiled</c>.</param>
/// <param name="Provider">The execution provider that ran.</param>
/// <param name="DeviceId">The CUDA device, when CUDA ran.</param>
/// <param name="FallbackReason">Why the asked-for provider was not used (null when it was).</param>
/// <param name="BlockShape">The block shape in the input tensor's axis order, halo included.</param>
/// <param name="BlockAxes">The input tensor's axes.</param>
/// <param name="Halo">The input halo per axis (left side; blocks are cropped by it).</param>
/// <param name="Overlap">Overlap of neighbouring inner regions per axis (blended).</param>
/// <param name="Blocks">Number of blocks run.</param>
/// <param name="BatchSize">Blocks per engine run.</param>
/// <param name="Preprocessing">Time spent on whole-image preprocessing.</param>
/// <param name="Inference">Time spent in the engine.</param>
/// <param name="Merge">Time spent extracting blocks and merging their outputs.</param>
/// <param name="Postprocessing">Time spent on postprocessing the merged outputs.</param>
/// <param name="Total">Wall time of the whole call.</param>
public sealed record PredictionReport(
    string Mode, string Provider, int? DeviceId, string? FallbackReason,
    ImmutableArray<int> BlockShape, ImmutableArray<AxisId> BlockAxes, ImmutableArray<int> Halo, ImmutableArray<int> Overlap,
    int Blocks, int BatchSize,
    TimeSpan Preprocessing, TimeSpan Inference, TimeSpan Merge, TimeSpan Postprocessing, TimeSpan Total)
{
    /// <summary>True when the image was read and the outputs written slab by slab (<see cref="Predictor.PredictFile"/>).</summary>
    public bool Streamed { get; init; }

    /// <summary>Number of slabs a streamed prediction ran (0 when not streamed).</summary>
    public int Slabs { get; init; }

    /// <summary>
    /// Bytes a streamed prediction held at most, computed from its plan (buffers and the engine's estimated working
    /// memory, not measured); 0 when not streamed.
    /// </summary>
    public long WorkingSetBytes { get; init; }

    /// <summary>
    /// The dihedral transforms every block ran with (<see cref="Arrays.Dihedral.Name"/>): only <c>identity</c> without
    /// test-time augmentation, else 8 (2-D) or 16 (3-D), or only the flips when the block or an output is not square.
    /// </summary>
    public ImmutableArray<string> Transforms { get; init; } = ["identity"];

    /// <summary>The packages of an ensemble whose outputs were averaged; empty for a single model.</summary>
    public ImmutableArray<string> Members { get; init; } = [];

    /// <summary>
    /// For an ensemble, what was averaged: <c>raw</c> (model outputs before the shared postprocessing) or
    /// <c>postprocessed</c> (final outputs, when the members' processing differs); null for a single model.
    /// </summary>
    public string? Averaged { get; init; }
}
