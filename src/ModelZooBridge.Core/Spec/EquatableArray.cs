using System.Collections.Immutable;

namespace ModelZooBridge.Spec;

/// <summary>Factory helpers for <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Creates a list holding <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(params T[] items) => new(ImmutableArray.Create(items));

    /// <summary>Copies a sequence into a list.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items.ToImmutableArray());
}
