using System.Collections.Immutable;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Where one block (tile) sits in a sample, along every axis (bioimage.io core's <c>BlockMeta</c>).
/// The block is the array fed to the model: its inner region plus the halo on each side. Parts of the
/// block outside the sample are filled by <see cref="ReflectPad"/>; their widths are <see cref="Padding"/>.
/// <code>
///   sample:  0                                                  SampleShape
///            |--------------------------------------------------|
///   block:        |  Halo.Left  |   InnerSlice    | Halo.Right  |############|
///                 ^ OuterSlice.Start              ^ InnerSlice.Stop          ^ block end
///            |----| (inside the sample)                         |------------| Padding.After
///   local:        0  LocalSlice.Start     LocalSlice.Stop                    Shape
/// </code>
/// An edge block whose inner region reaches past the sample keeps the common block shape: its inner slice is
/// clipped to the sample and the rest of the block is counted in <see cref="Halo"/>.<c>Right</c> (and padded).
/// The model output of a block is cropped to <see cref="LocalSlice"/> and written to <see cref="InnerSlice"/>.
/// </summary>
/// <param name="SampleShape">Size of every axis of the whole sample.</param>
/// <param name="InnerSlice">The part of the sample this block contributes, per axis.</param>
/// <param name="Halo">Block pixels before and after the inner region, per axis.</param>
/// <param name="BlockIndex">Position of this block in the plan (C order over the block grid).</param>
/// <param name="BlocksInSample">Number of blocks in the plan.</param>
public sealed record BlockMeta(
    ImmutableArray<int> SampleShape, ImmutableArray<SliceInfo> InnerSlice, ImmutableArray<Halo> Halo,
    int BlockIndex, int BlocksInSample)
{
    /// <summary>Number of axes.</summary>
    public int Rank => SampleShape.Length;

    /// <summary>Size of the block per axis: inner length + halo.</summary>
    public ImmutableArray<int> Shape => [.. Enumerable.Range(0, Rank).Select(d => InnerSlice[d].Length + Halo[d].Total)];

    /// <summary>The part of the sample the block covers (block extent clipped to the sample), per axis.</summary>
    public ImmutableArray<SliceInfo> OuterSlice => [.. Enumerable.Range(0, Rank).Select(d => new SliceInfo(
        Math.Max(0, InnerSlice[d].Start - Halo[d].Left),
        Math.Min(SampleShape[d], InnerSlice[d].Stop + Halo[d].Right)))];

    /// <summary>Block pixels outside the sample, per axis (filled by reflection).</summary>
    public ImmutableArray<PadWidth> Padding => [.. Enumerable.Range(0, Rank).Select(d => new PadWidth(
        Math.Max(0, Halo[d].Left - InnerSlice[d].Start),
        Math.Max(0, InnerSlice[d].Stop + Halo[d].Right - SampleShape[d])))];

    /// <summary>The inner region in block coordinates, per axis.</summary>
    public ImmutableArray<SliceInfo> LocalSlice => [.. Enumerable.Range(0, Rank).Select(d => new SliceInfo(
        Halo[d].Left, Halo[d].Left + InnerSlice[d].Length))];

    /// <summary>Sample coordinate of the block's first element per axis (negative when the block starts in padding).</summary>
    public ImmutableArray<int> Origin => [.. Enumerable.Range(0, Rank).Select(d => InnerSlice[d].Start - Halo[d].Left)];
}
