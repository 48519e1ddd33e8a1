using System.Globalization;
using ModelZooBridge.Spec.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ModelZooBridge.Spec.Writing;

/// <summary>Builders for YamlDotNet representation nodes whose text reads back to the same typed value.</summary>
internal static class YamlNodes
{
    public static YamlScalarNode Str(string value) => new(value)
    {
        // Quote strings that a YAML 1.2 reader would otherwise take for a number, boolean or null.
        Style = ScalarResolver.Resolve(value) == ScalarKind.String ? ScalarStyle.Any : ScalarStyle.DoubleQuoted,
    };

    public static YamlScalarNode Int(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Num(double value) => new(ScalarResolver.FormatDouble(value)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    public static YamlScalarNode Null() => new("null") { Style = ScalarStyle.Plain };

    /// <summary>A mapping of the non-null entries, in the given order.</summary>
    public static YamlMappingNode Map(params (string Key, YamlNode? Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
            if (value is not null) map.Add(new YamlScalarNode(key), value);
        return map;
    }

    public static YamlSequenceNode Seq(IEnumerable<YamlNode> items) => new(items);

    /// <summary>A sequence, or null when empty (so that empty optional lists are omitted).</summary>
    public static YamlSequenceNode? SeqOrNull<T>(EquatableArray<T> items, Func<T, YamlNode> item) =>
        items.IsEmpty ? null : new YamlSequenceNode(items.Select(item));

    public static YamlNode? OptStr(string? value) => value is null ? null : Str(value);

    public static YamlNode? OptNum(double? value) => value is { } v ? Num(v) : null;

    public static YamlNode Value(SpecValue value) => value switch
    {
        SpecNull => Null(),
        SpecBool b => Bool(b.Value),
        SpecInt i => Int(i.Value),
        SpecFloat f => Num(f.Value),
        SpecString s => Str(s.Value),
        SpecList l => Seq(l.Items.Select(Value)),
        SpecMap m => MapOf(m),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unknown SpecValue kind"),
    };

    public static YamlMappingNode MapOf(SpecMap map)
    {
        var node = new YamlMappingNode();
        foreach (var e in map.Entries) node.Add(Str(e.Key), Value(e.Value));
        return node;
    }
}
