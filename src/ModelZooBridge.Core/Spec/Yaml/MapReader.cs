namespace ModelZooBridge.Spec.Yaml;

/// <summary>Reads the fields of one YAML mapping, remembering which keys were used so that unknown keys are reported.</summary>
internal sealed class MapReader
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public MapReader(NodeReader reader, YMapping node, string path)
    {
        R = reader;
        Node = node;
        Path = path;
    }

    public NodeReader R { get; }
    public YMapping Node { get; }
    public string Path { get; }

    public string Sub(string key) => Path.Length == 0 ? key : Path + "." + key;

    public bool Has(string key) => Node.Get(key) is { } n && !(n is YScalar { Kind: ScalarKind.Null });

    /// <summary>The node under <paramref name="key"/> (null when absent or YAML null); marks the key as known.</summary>
    public YNode? Take(string key)
    {
        _used.Add(key);
        var node = Node.Get(key);
        return node is YScalar { Kind: ScalarKind.Null } ? null : node;
    }

    /// <summary>Marks keys as known without reading them.</summary>
    public void Ignore(params string[] keys)
    {
        foreach (var k in keys) _used.Add(k);
    }

    public void Missing(string key, string what) =>
        R.Sink.Error(Node, Sub(key), "missing_field", $"missing required field '{key}'{(what.Length > 0 ? " (" + what + ")" : "")}");

    public string? String(string key, bool required = false)
    {
        var n = Take(key);
        if (n is null && required) Missing(key, "a string");
        return R.String(n, Sub(key));
    }

    public string? Text(string key, bool required = false)
    {
        var n = Take(key);
        if (n is null && required) Missing(key, "");
        return R.Text(n, Sub(key));
    }

    public int? Int(string key, long min, long max, bool required = false)
    {
        var n = Take(key);
        if (n is null && required) Missing(key, "an integer");
        return R.Int(n, Sub(key), min, max);
    }

    public double? Number(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool required = false)
    {
        var n = Take(key);
        if (n is null && required) Missing(key, "a number");
        return R.Number(n, Sub(key), min, max);
    }

    public bool? Bool(string key)
    {
        var n = Take(key);
        return R.Bool(n, Sub(key));
    }

    public MapReader? Map(string key, bool required = false)
    {
        var n = Take(key);
        if (n is null && required) Missing(key, "a mapping");
        return R.Map(n, Sub(key));
    }

    public List<YNode>? Seq(string key, bool required = false)
    {
        var n = Take(key);
        if (n is null && required) Missing(key, "a list");
        return R.Seq(n, Sub(key));
    }

    public EquatableArray<string> StringList(string key, bool required = false)
    {
        var items = Seq(key, required);
        if (items is null) return EquatableArray<string>.Empty;
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
            if (R.String(items[i], $"{Sub(key)}[{i}]") is { } s) result.Add(s);
        return result.ToEquatableArray();
    }

    public List<T> List<T>(string key, Func<YNode, string, T?> item, bool required = false) where T : class
    {
        var items = Seq(key, required);
        var result = new List<T>();
        if (items is null) return result;
        for (var i = 0; i < items.Count; i++)
            if (item(items[i], $"{Sub(key)}[{i}]") is { } t) result.Add(t);
        return result;
    }

    public SpecMap? AnyMap(string key)
    {
        var n = Take(key);
        if (n is null) return null;
        if (n is not YMapping) { R.WrongType(n, Sub(key), "a mapping"); return null; }
        return (SpecMap)R.Value(n);
    }

    /// <summary>Reports every key that was not read as an unknown field (an error, as the spec forbids extra keys).</summary>
    public void Finish(Severity severity = Severity.Error)
    {
        foreach (var (k, _) in Node.Entries)
            if (!_used.Contains(k.Value))
                R.Sink.Add(k, Sub(k.Value), "unknown_field", $"unknown field '{k.Value}'", severity);
    }
}
