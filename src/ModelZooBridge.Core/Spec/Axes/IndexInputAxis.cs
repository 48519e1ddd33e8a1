using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: index</c> on an input tensor.</summary>
/// <param name="Size"><c>size</c>: fixed, parameterized or a reference.</param>
/// <param name="Id"><c>id</c> (default <c>index</c>).</param>
/// <param name="Concatenable"><c>concatenable</c>.</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record IndexInputAxis(AxisSize Size, AxisId Id, bool Concatenable = false, string Description = "") : AxisDescr(Id, Description)
{
    /// <inheritdoc/>
    public override string Type => "index";
}
