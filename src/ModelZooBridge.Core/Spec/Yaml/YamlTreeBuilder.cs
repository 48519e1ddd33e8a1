using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelZooBridge.Spec.Yaml;

/// <summary>
/// Builds a <see cref="YNode"/> tree from YamlDotNet's event parser with an explicit stack, so that nesting depth,
/// alias expansion (billion laughs) and document size are bounded and every node keeps its line and column.
/// Problems are reported as issues; nothing is thrown for bad input.
/// </summary>
internal sealed class YamlTreeBuilder
{
    /// <summary>Maximum nesting of sequences and mappings.</summary>
    public const int MaxDepth = 64;

    /// <summary>Maximum number of nodes after expanding aliases.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    private readonly IssueSink _sink;

    public YamlTreeBuilder(IssueSink sink) => _sink = sink;

    /// <summary>Parses the first document; null (with issues) when there is none or it is malformed.</summary>
    public YNode? Build(string text)
    {
        try
        {
            return BuildCore(text);
        }
        catch (YamlException ex)
        {
            var mark = ex.Start;
            var line = (int)Math.Min(mark.Line, int.MaxValue);
            var column = (int)Math.Min(mark.Column, int.MaxValue);
            _sink.Add(line, column, "", "yaml_syntax", $"malformed YAML: {CleanMessage(ex.Message)}", Severity.Error);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner occasionally fails with a non-YAML exception on malformed text; report where parsing stopped.
            _sink.Add(_lastLine, _lastColumn, "", "yaml_syntax", $"malformed YAML after line {_lastLine}, column {_lastColumn}: the parser stopped ({ex.Message})", Severity.Error);
            return null;
        }
    }

    private int _lastLine = 1;
    private int _lastColumn = 1;

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ..): " which our location already carries.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith('(') ? message[(idx + 3)..] : message;
    }

    private sealed class Frame(YNode node)
    {
        public YNode Node { get; } = node;
        public YScalar? PendingKey { get; set; }
        public string? Anchor { get; set; }
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }

    private YNode? BuildCore(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YNode? root = null;
        var documents = 0;

        while (parser.MoveNext())
        {
            var ev = parser.Current!;
            var line = (int)Math.Min(ev.Start.Line, int.MaxValue);
            var column = (int)Math.Min(ev.Start.Column, int.MaxValue);
            _lastLine = (int)Math.Min(ev.End.Line, int.MaxValue);
            _lastColumn = (int)Math.Min(ev.End.Column, int.MaxValue);
            switch (ev)
            {
                case DocumentStart:
                    documents++;
                    if (documents > 1)
                    {
                        _sink.Add(line, column, "", "multiple_documents",
                            "the file holds more than one YAML document; only the first is read", Severity.Warning);
                        return root;
                    }
                    break;
                case Scalar sc:
                {
                    var kind = ResolveKind(sc);
                    var node = new YScalar(sc.Value, kind, line, column);
                    if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = node;
                    if (!Attach(stack, node, ref root, line, column)) return null;
                    break;
                }
                case AnchorAlias alias:
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        _sink.Add(line, column, "", "yaml_unknown_alias", $"alias *{alias.Value.Value} refers to no anchor defined before it", Severity.Error);
                        return null;
                    }
                    if (!Attach(stack, target, ref root, line, column)) return null;
                    break;
                }
                case SequenceStart ss:
                    if (stack.Count >= MaxDepth)
                    {
                        _sink.Add(line, column, "", "yaml_too_deep", $"nesting deeper than {MaxDepth} levels", Severity.Error);
                        return null;
                    }
                    stack.Push(new Frame(new YSequence(line, column)) { Anchor = ss.Anchor.IsEmpty ? null : ss.Anchor.Value });
                    break;
                case MappingStart ms:
                    if (stack.Count >= MaxDepth)
                    {
                        _sink.Add(line, column, "", "yaml_too_deep", $"nesting deeper than {MaxDepth} levels", Severity.Error);
                        return null;
                    }
                    stack.Push(new Frame(new YMapping(line, column)) { Anchor = ms.Anchor.IsEmpty ? null : ms.Anchor.Value });
                    break;
                case SequenceEnd or MappingEnd:
                {
                    var frame = stack.Pop();
                    if (frame.Anchor is not null) anchors[frame.Anchor] = frame.Node;
                    if (!Attach(stack, frame.Node, ref root, frame.Node.Line, frame.Node.Column)) return null;
                    break;
                }
            }
        }
        if (root is null)
            _sink.Add(1, 1, "", "empty_document", "the file is empty: expected a YAML mapping describing a model", Severity.Error);
        return root;
    }

    private static ScalarKind ResolveKind(Scalar sc)
    {
        var resolved = ScalarResolver.Resolve(sc.Value);
        if (!sc.Tag.IsEmpty && ScalarResolver.FromTag(sc.Tag.Value) is { } tagged)
        {
            // An explicit tag is honoured only when the text fits it (!!float 1 is fine, !!int abc is a string).
            if (tagged == ScalarKind.String || tagged == resolved) return tagged;
            return tagged == ScalarKind.Float && resolved == ScalarKind.Int ? ScalarKind.Float : ScalarKind.String;
        }
        return sc.Style == ScalarStyle.Plain ? resolved : ScalarKind.String;
    }

    /// <summary>Adds a finished node to its parent (or makes it the root); false when a limit was exceeded.</summary>
    private bool Attach(Stack<Frame> stack, YNode node, ref YNode? root, int line, int column)
    {
        if (stack.Count == 0)
        {
            root ??= node;
            return true;
        }
        var parent = stack.Peek();
        switch (parent.Node)
        {
            case YSequence seq:
                seq.Items.Add(node);
                return Grow(seq, node.ExpandedSize, line, column);
            case YMapping map when parent.PendingKey is null:
                if (node is not YScalar keyNode)
                {
                    _sink.Add(node.Line, node.Column, "", "yaml_complex_key", "mapping keys must be plain scalars, got " + node.KindText, Severity.Error);
                    return false;
                }
                parent.PendingKey = keyNode;
                return Grow(map, 1, line, column);
            case YMapping map:
            {
                var key = parent.PendingKey!;
                parent.PendingKey = null;
                if (key.Value == "<<" && key.Kind == ScalarKind.String)
                    return Merge(parent, map, node, line, column);
                if (!parent.Keys.Add(key.Value))
                {
                    _sink.Add(key.Line, key.Column, "", "yaml_duplicate_key", $"duplicate key '{key.Value}' in a mapping", Severity.Error);
                    return true;
                }
                map.Entries.Add(new(key, node));
                return Grow(map, node.ExpandedSize, line, column);
            }
            default:
                return true;
        }
    }

    /// <summary>YAML 1.1 merge key <c>&lt;&lt;: *anchor</c>: copies the entries not already present.</summary>
    private bool Merge(Frame frame, YMapping map, YNode source, int line, int column)
    {
        var sources = source is YSequence seq ? seq.Items : [source];
        foreach (var item in sources)
        {
            if (item is not YMapping m)
            {
                _sink.Add(item.Line, item.Column, "", "yaml_bad_merge", "a merge key '<<' needs a mapping or a sequence of mappings, got " + item.KindText, Severity.Error);
                return true;
            }
            foreach (var (k, v) in m.Entries)
                if (frame.Keys.Add(k.Value))
                {
                    map.Entries.Add(new(k, v));
                    if (!Grow(map, v.ExpandedSize + 1, line, column)) return false;
                }
        }
        return true;
    }

    private bool Grow(YNode container, long added, int line, int column)
    {
        container.ExpandedSize = Math.Min(container.ExpandedSize + added, MaxExpandedNodes + 1);
        if (container.ExpandedSize <= MaxExpandedNodes) return true;
        _sink.Add(line, column, "", "yaml_too_large",
            $"the document expands to more than {MaxExpandedNodes:N0} nodes (alias expansion bomb?)", Severity.Error);
        return false;
    }
}
