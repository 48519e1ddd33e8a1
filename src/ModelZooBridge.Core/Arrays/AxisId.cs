namespace ModelZooBridge.Arrays;

/// <summary>
/// The name of an array axis. The well-known ids are the bioimage.io ones
/// (<see href="https://bioimage.io/spec">axes in format 0.5</see>): batch <c>b</c>, channel <c>c</c>,
/// time <c>t</c>, space <c>z</c>, <c>y</c>, <c>x</c> and index <c>i</c>. Other ids are allowed, as in the spec.
/// </summary>
public readonly record struct AxisId
{
    /// <summary>Batch axis <c>b</c>.</summary>
    public static readonly AxisId Batch = new("b");
    /// <summary>Channel axis <c>c</c>.</summary>
    public static readonly AxisId Channel = new("c");
    /// <summary>Time axis <c>t</c>.</summary>
    public static readonly AxisId Time = new("t");
    /// <summary>Spatial axis <c>z</c>.</summary>
    public static readonly AxisId Z = new("z");
    /// <summary>Spatial axis <c>y</c>.</summary>
    public static readonly AxisId Y = new("y");
    /// <summary>Spatial axis <c>x</c>.</summary>
    public static readonly AxisId X = new("x");
    /// <summary>Index axis <c>i</c>.</summary>
    public static readonly AxisId Index = new("i");

    /// <summary>Creates an axis id; it must be non-empty and contain no whitespace or comma.</summary>
    public AxisId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Any(ch => char.IsWhiteSpace(ch) || ch == ','))
            throw new ArgumentException($"axis id '{value}' contains whitespace or a comma", nameof(value));
        Value = value;
    }

    /// <summary>The id as written in a description, e.g. <c>"x"</c>.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Implicit conversion from a string id.</summary>
    public static implicit operator AxisId(string value) => new(value);

    /// <summary>
    /// Parses a compact axis string such as <c>"tczyx"</c> (one character per axis) or a comma-separated
    /// list such as <c>"b,channel,y,x"</c>.
    /// </summary>
    public static AxisId[] ParseAll(string axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return axes.Contains(',')
            ? axes.Split(',', StringSplitOptions.TrimEntries).Select(a => new AxisId(a)).ToArray()
            : axes.Select(ch => new AxisId(ch.ToString())).ToArray();
    }

    /// <summary>Formats axes compactly (<c>"zyx"</c>) when every id is one character, else comma-separated.</summary>
    public static string Format(IEnumerable<AxisId> axes)
    {
        var list = axes.ToList();
        return list.All(a => a.Value.Length == 1)
            ? string.Concat(list.Select(a => a.Value))
            : string.Join(",", list.Select(a => a.Value));
    }

    /// <summary>
    /// The axes assumed for data that carries no names (an <c>.npy</c> file), by rank:
    /// the trailing <paramref name="rank"/> ids of <c>b,t,c,z,y,x</c> up to rank 6, e.g. <c>yx</c>, <c>zyx</c>, <c>czyx</c>.
    /// </summary>
    public static AxisId[] DefaultFor(int rank)
    {
        const string order = "btczyx";
        if (rank < 0 || rank > order.Length)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"no default axis names for rank {rank}; give them explicitly");
        return ParseAll(order[(order.Length - rank)..]);
    }
}
