using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: time</c> on an input tensor.</summary>
/// <param name="Size"><c>size</c>: fixed, parameterized or a reference.</param>
/// <param name="Id"><c>id</c> (default <c>time</c>).</param>
/// <param name="Unit"><c>unit</c> (OME-Zarr time unit, e.g. <c>second</c>).</param>
/// <param name="Scale"><c>scale</c> (&gt; 0, default 1).</param>
/// <param name="Concatenable"><c>concatenable</c>.</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record TimeInputAxis(AxisSize Size, AxisId Id, string? Unit = null, double Scale = 1.0, bool Concatenable = false, string Description = "") : AxisDescr(Id, Description)
{
    /// <inheritdoc/>
    public override string Type => "time";
}
