namespace ModelZooBridge.Spec;

/// <summary>A YAML mapping with string keys, in document order.</summary>
/// <param name="Entries">The entries in order; keys are unique.</param>
public sealed record SpecMap(EquatableArray<SpecMapEntry> Entries) : SpecValue
{
    /// <summary>An empty mapping.</summary>
    public static readonly SpecMap Empty = new(EquatableArray<SpecMapEntry>.Empty);

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public SpecValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;
}
