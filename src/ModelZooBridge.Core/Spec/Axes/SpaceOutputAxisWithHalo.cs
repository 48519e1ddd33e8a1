using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: space</c> on an output tensor with a <c>halo</c> (requires a <see cref="SizeReference"/> size).</summary>
/// <param name="Size"><c>size</c>: a reference.</param>
/// <param name="Halo"><c>halo</c>: pixels to crop from each side (≥ 1).</param>
/// <param name="Id"><c>id</c> (default <c>x</c>).</param>
/// <param name="Unit"><c>unit</c> (OME-Zarr space unit, e.g. <c>micrometer</c>).</param>
/// <param name="Scale"><c>scale</c> (&gt; 0, default 1).</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record SpaceOutputAxisWithHalo(SizeReference Size, int Halo, AxisId Id, string? Unit = null, double Scale = 1.0, string Description = "") : AxisDescr(Id, Description)
{
    /// <inheritdoc/>
    public override string Type => "space";
}
