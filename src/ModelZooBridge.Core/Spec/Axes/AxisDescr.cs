using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary>
/// One entry of a 0.5 tensor's <c>axes</c> list. The <c>type</c> key selects the subtype:
/// <c>batch</c> <see cref="BatchAxis"/>, <c>channel</c> <see cref="ChannelAxis"/>,
/// <c>index</c> <see cref="IndexInputAxis"/>/<see cref="IndexOutputAxis"/>,
/// <c>time</c> <see cref="TimeInputAxis"/>/<see cref="TimeOutputAxis"/>/<see cref="TimeOutputAxisWithHalo"/>,
/// <c>space</c> <see cref="SpaceInputAxis"/>/<see cref="SpaceOutputAxis"/>/<see cref="SpaceOutputAxisWithHalo"/>.
/// </summary>
/// <param name="Id"><c>id</c> (defaults: <c>batch</c>, <c>channel</c>, <c>index</c>, <c>time</c>, <c>x</c>).</param>
/// <param name="Description"><c>description</c> (≤ 128 chars), empty when absent.</param>
public abstract record AxisDescr(AxisId Id, string Description)
{
    /// <summary>The YAML <c>type</c> value: <c>batch</c>, <c>channel</c>, <c>index</c>, <c>time</c> or <c>space</c>.</summary>
    public abstract string Type { get; }
}
