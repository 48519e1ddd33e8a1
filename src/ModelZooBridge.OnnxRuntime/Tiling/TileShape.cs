using System.Collections.Immutable;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// The result of <see cref="TileShapeChooser.Choose"/>: one block shape, the halo and the stride between block origins,
/// ready for <see cref="BlockPlanner.Split"/>.
/// </summary>
/// <param name="BlockShape">Block size per axis, halo included; each is <c>min + n·step</c>.</param>
/// <param name="Halo">Halo per axis to plan with (<see cref="TileAxisConstraint.EffectiveHalo"/>): at least the required halo, left side on the step grid.</param>
/// <param name="Stride">Distance between block origins per axis; a multiple of the step on stepped axes.</param>
/// <param name="BlockCount">Number of blocks the plan has.</param>
/// <param name="ProcessedVoxels">Block count × block volume: the total work.</param>
public sealed record TileShape(ImmutableArray<int> BlockShape, ImmutableArray<Halo> Halo, ImmutableArray<int> Stride, long BlockCount, long ProcessedVoxels);
