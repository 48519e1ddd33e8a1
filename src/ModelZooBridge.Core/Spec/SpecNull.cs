namespace ModelZooBridge.Spec;

/// <summary>The YAML null value (<c>null</c>, <c>~</c> or an empty scalar).</summary>
public sealed record SpecNull : SpecValue
{
    /// <summary>The single null value.</summary>
    public static readonly SpecNull Instance = new();
}
