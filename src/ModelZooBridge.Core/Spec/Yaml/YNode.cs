namespace ModelZooBridge.Spec.Yaml;

/// <summary>A node of a parsed YAML document with its 1-based position. Aliases share the anchored node.</summary>
internal abstract class YNode
{
    protected YNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }

    /// <summary>Number of nodes this node stands for once every alias below it is expanded (saturating).</summary>
    public long ExpandedSize { get; set; } = 1;

    /// <summary>Kind for messages: "a mapping", "a sequence", "a string", "an integer", ...</summary>
    public abstract string KindText { get; }
}

internal enum ScalarKind { Null, Bool, Int, Float, String }

internal sealed class YScalar : YNode
{
    public YScalar(string value, ScalarKind kind, int line, int column) : base(line, column)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The scalar text as written (after YAML unescaping).</summary>
    public string Value { get; }

    /// <summary>Type resolved by the YAML 1.2 core schema (quoted scalars are strings).</summary>
    public ScalarKind Kind { get; }

    public override string KindText => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => $"a boolean ({Value})",
        ScalarKind.Int => $"an integer ({Value})",
        ScalarKind.Float => $"a number ({Value})",
        _ => $"a string ('{Shorten(Value)}')",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}

internal sealed class YSequence : YNode
{
    public YSequence(int line, int column) : base(line, column) { }

    public List<YNode> Items { get; } = [];

    public override string KindText => "a sequence";
}

internal sealed class YMapping : YNode
{
    public YMapping(int line, int column) : base(line, column) { }

    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];

    public override string KindText => "a mapping";

    public YNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
            if (k.Value == key) return v;
        return null;
    }

    public YScalar? KeyNode(string key)
    {
        foreach (var (k, _) in Entries)
            if (k.Value == key) return k;
        return null;
    }
}
