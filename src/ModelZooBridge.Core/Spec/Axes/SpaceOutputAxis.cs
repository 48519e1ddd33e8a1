using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: space</c> on an output tensor, without halo.</summary>
/// <param name="Size"><c>size</c>: fixed or a reference.</param>
/// <param name="Id"><c>id</c> (default <c>x</c>).</param>
/// <param name="Unit"><c>unit</c> (OME-Zarr space unit, e.g. <c>micrometer</c>).</param>
/// <param name="Scale"><c>scale</c> (&gt; 0, default 1).</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record SpaceOutputAxis(AxisSize Size, AxisId Id, string? Unit = null, double Scale = 1.0, string Description = "") : AxisDescr(Id, Description)
{
    /// <inheritdoc/>
    public override string Type => "space";
}
