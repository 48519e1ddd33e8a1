using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: batch</c>; <c>size</c> is null (any) or 1.</summary>
/// <param name="Size"><c>size</c>: null for any batch size, or 1.</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record BatchAxis(int? Size = null, string Description = "") : AxisDescr(new AxisId("batch"), Description)
{
    /// <inheritdoc/>
    public override string Type => "batch";
}
