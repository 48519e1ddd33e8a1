using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: index</c> on an output tensor; the size may be a <see cref="DataDependentSize"/>.</summary>
/// <param name="Size"><c>size</c>: fixed, reference or data dependent.</param>
/// <param name="Id"><c>id</c> (default <c>index</c>).</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record IndexOutputAxis(AxisSize Size, AxisId Id, string Description = "") : AxisDescr(Id, Description)
{
    /// <inheritdoc/>
    public override string Type => "index";
}
