using System.Globalization;

namespace ModelZooBridge.Validation;

/// <summary>The sizes an axis may have: one size, or a data-dependent range (<see cref="Max"/> null: unbounded).</summary>
/// <param name="Min">Smallest size.</param>
/// <param name="Max">Largest size, or null for no bound.</param>
public readonly record struct AxisSizeRange(int Min, int? Max)
{
    /// <summary>Exactly <paramref name="size"/>.</summary>
    public static AxisSizeRange Exact(int size) => new(size, size);

    /// <summary>Whether <paramref name="size"/> lies in the range.</summary>
    public bool Contains(int size) => size >= Min && (Max is not { } max || size <= max);

    /// <inheritdoc/>
    public override string ToString() => Max == Min
        ? Min.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Min}..{(Max is { } max ? max.ToString(CultureInfo.InvariantCulture) : "∞")}");
}
