using System.Collections.Immutable;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>The result of <see cref="TileShapeChooser.Choose"/>: one block shape and the stride between block origins.</summary>
/// <param name="BlockShape">Block size per axis, halo included; each is <c>min + n·step</c>.</param>
/// <param name="Stride">Distance between block origins per axis; a multiple of the step on stepped axes.</param>
/// <param name="BlockCount">Number of blocks the plan has.</param>
/// <param name="ProcessedVoxels">Block count × block volume: the total work.</param>
public sealed record TileShape(ImmutableArray<int> BlockShape, ImmutableArray<int> Stride, long BlockCount, long ProcessedVoxels);
