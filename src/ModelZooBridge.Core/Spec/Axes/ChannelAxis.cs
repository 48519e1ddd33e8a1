using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary><c>type: channel</c>; the size is the number of <c>channel_names</c>.</summary>
/// <param name="ChannelNames"><c>channel_names</c>.</param>
/// <param name="Id"><c>id</c> (default <c>channel</c>).</param>
/// <param name="Description"><c>description</c>.</param>
public sealed record ChannelAxis(EquatableArray<string> ChannelNames, AxisId Id, string Description = "") : AxisDescr(Id, Description)
{
    /// <inheritdoc/>
    public override string Type => "channel";
}
