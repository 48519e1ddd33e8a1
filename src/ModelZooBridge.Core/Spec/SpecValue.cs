namespace ModelZooBridge.Spec;

/// <summary>
/// A generic YAML value (the free-form parts of a description such as <c>config</c>, weights <c>kwargs</c>
/// and nominal <c>data.values</c>), typed by the YAML 1.2 core schema. Subtypes are
/// <see cref="SpecNull"/>, <see cref="SpecBool"/>, <see cref="SpecInt"/>, <see cref="SpecFloat"/>,
/// <see cref="SpecString"/>, <see cref="SpecList"/> and <see cref="SpecMap"/>; all compare by value.
/// </summary>
public abstract record SpecValue
{
    private protected SpecValue() { }
}
