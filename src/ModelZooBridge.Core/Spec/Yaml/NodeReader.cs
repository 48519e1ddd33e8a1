using System.Globalization;

namespace ModelZooBridge.Spec.Yaml;

/// <summary>Typed access to YAML nodes; every mismatch becomes an issue at the node's line and column.</summary>
internal sealed class NodeReader(IssueSink sink)
{
    public IssueSink Sink { get; } = sink;

    public void WrongType(YNode node, string path, string expected) =>
        Sink.Error(node, path, "wrong_type", $"expected {expected}, got {node.KindText}");

    /// <summary>A string; numbers are accepted as their text, booleans and collections are not.</summary>
    public string? String(YNode? node, string path)
    {
        switch (node)
        {
            case null: return null;
            case YScalar { Kind: ScalarKind.String or ScalarKind.Int or ScalarKind.Float } s: return s.Value;
            case YScalar { Kind: ScalarKind.Null }: return null;
            default: WrongType(node, path, "a string"); return null;
        }
    }

    /// <summary>Any scalar as its text (versions, DOIs, hashes).</summary>
    public string? Text(YNode? node, string path)
    {
        switch (node)
        {
            case null or YScalar { Kind: ScalarKind.Null }: return null;
            case YScalar s: return s.Value;
            default: WrongType(node, path, "a scalar"); return null;
        }
    }

    public int? Int(YNode? node, string path, long min, long max)
    {
        if (node is null) return null;
        if (node is YScalar { Kind: ScalarKind.Int } s)
        {
            if (!ScalarResolver.TryParseInt(s.Value, out var v) || v < min || v > max)
            {
                Sink.Error(node, path, "out_of_range", $"value {s.Value} is out of range [{min}, {max}]");
                return null;
            }
            return (int)v;
        }
        if (node is YScalar { Kind: ScalarKind.Float } f)
        {
            var d = ScalarResolver.ParseDouble(f.Value);
            if (double.IsFinite(d) && Math.Floor(d) == d && d >= min && d <= max) return (int)d;
            if (double.IsFinite(d) && Math.Floor(d) == d)
            {
                Sink.Error(node, path, "out_of_range", $"value {f.Value} is out of range [{min}, {max}]");
                return null;
            }
        }
        WrongType(node, path, "an integer");
        return null;
    }

    public double? Number(YNode? node, string path, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool allowInfinity = false)
    {
        if (node is null) return null;
        if (node is YScalar { Kind: ScalarKind.Int or ScalarKind.Float } s)
        {
            var d = ScalarResolver.ParseDouble(s.Value);
            if (double.IsNaN(d) || (double.IsInfinity(d) && !allowInfinity))
            {
                Sink.Error(node, path, "not_finite", $"expected a finite number, got {s.Value}");
                return null;
            }
            if (d < min || d > max)
            {
                Sink.Error(node, path, "out_of_range", $"value {s.Value} is out of range [{Fmt(min)}, {Fmt(max)}]");
                return null;
            }
            return d;
        }
        WrongType(node, path, "a number");
        return null;
    }

    private static string Fmt(double d) => d.ToString(CultureInfo.InvariantCulture);

    public bool? Bool(YNode? node, string path)
    {
        if (node is null) return null;
        if (node is YScalar { Kind: ScalarKind.Bool } s) return ScalarResolver.ParseBool(s.Value);
        WrongType(node, path, "a boolean");
        return null;
    }

    public MapReader? Map(YNode? node, string path)
    {
        if (node is null) return null;
        if (node is YMapping m) return new MapReader(this, m, path);
        WrongType(node, path, "a mapping");
        return null;
    }

    public List<YNode>? Seq(YNode? node, string path)
    {
        if (node is null) return null;
        if (node is YSequence s) return s.Items;
        WrongType(node, path, "a list");
        return null;
    }

    /// <summary>Converts a node to a generic value (alias expansion is already bounded by the tree builder).</summary>
    public SpecValue Value(YNode node) => node switch
    {
        YScalar s => Scalar(s),
        YSequence seq => new SpecList(seq.Items.Select(Value).ToEquatableArray()),
        YMapping map => new SpecMap(map.Entries.Select(e => new SpecMapEntry(e.Key.Value, Value(e.Value))).ToEquatableArray()),
        _ => SpecNull.Instance,
    };

    private static SpecValue Scalar(YScalar s) => s.Kind switch
    {
        ScalarKind.Null => SpecNull.Instance,
        ScalarKind.Bool => new SpecBool(ScalarResolver.ParseBool(s.Value)),
        ScalarKind.Int when ScalarResolver.TryParseInt(s.Value, out var l) => new SpecInt(l),
        ScalarKind.Int or ScalarKind.Float => new SpecFloat(ScalarResolver.ParseDouble(s.Value)),
        _ => new SpecString(s.Value),
    };
}
