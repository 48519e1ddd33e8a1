namespace ModelZooBridge.Spec;

/// <summary>A YAML float (<c>1.5</c>, <c>1e-05</c>, <c>.inf</c>, <c>.nan</c>).</summary>
/// <param name="Value">The value.</param>
public sealed record SpecFloat(double Value) : SpecValue
{
    /// <inheritdoc/>
    public bool Equals(SpecFloat? other) => other is not null && Value.Equals(other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();
}
