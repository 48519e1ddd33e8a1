using System.Text;
using System.Text.RegularExpressions;
using ModelZooBridge.Spec.Reading;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec;

/// <summary>
/// Reads bioimage.io model descriptions (<c>rdf.yaml</c>, <c>bioimageio.yaml</c>) into a <see cref="ModelDescr"/> in
/// format 0.5. Format 0.5.x is read as written; 0.4.0–0.4.10 is converted to 0.5 by the official conversion rules;
/// 0.3.x, unknown versions and other resource types are reported as unsupported. Bad input never throws: every
/// problem is a <see cref="SpecIssue"/> with line and column, and work is bounded in time and memory
/// (size, nesting depth and alias expansion are limited).
/// </summary>
public static partial class ModelDescrReader
{
    /// <summary>Largest description accepted, in bytes or characters (descriptions are a few KiB).</summary>
    public const int MaxInputLength = 8 * 1024 * 1024;

    [GeneratedRegex(@"^(\d+)\.(\d+)(?:\.(\d+))?$")]
    private static partial Regex VersionPattern();

    /// <summary>Reads a description from raw bytes, decoding UTF-8 strictly (a leading BOM is allowed).</summary>
    /// <param name="utf8">The file content.</param>
    /// <param name="fileNameForMessages">Name used in issue locations.</param>
    public static DescriptionReadResult Read(ReadOnlySpan<byte> utf8, string fileNameForMessages)
    {
        ArgumentNullException.ThrowIfNull(fileNameForMessages);
        var sink = new IssueSink(fileNameForMessages);
        if (utf8.Length > MaxInputLength)
            return TooLarge(sink, utf8.Length);
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        string text;
        try
        {
            text = strict.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? FindInvalidUtf8(utf8) : 0;
            var (line, column) = LineColumnOf(utf8[..offset]);
            sink.Add(line, column, "", "not_utf8", $"the file is not valid UTF-8 text: invalid byte 0x{utf8[offset]:X2} at byte offset {offset}", Severity.Error);
            return Result(sink, null, null);
        }
        return ReadText(text, sink);
    }

    /// <summary>Reads a description from YAML text.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="fileNameForMessages">Name used in issue locations.</param>
    public static DescriptionReadResult Read(string yamlText, string fileNameForMessages)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileNameForMessages);
        var sink = new IssueSink(fileNameForMessages);
        return yamlText.Length > MaxInputLength ? TooLarge(sink, yamlText.Length) : ReadText(yamlText, sink);
    }

    private static DescriptionReadResult TooLarge(IssueSink sink, int length)
    {
        sink.Add(0, 0, "", "too_large", $"the description is {length:N0} bytes long; at most {MaxInputLength:N0} are accepted", Severity.Error);
        return Result(sink, null, null);
    }

    private static DescriptionReadResult ReadText(string text, IssueSink sink)
    {
        if (text.Contains('\0'))
        {
            var idx = text.IndexOf('\0');
            var (line, column) = LineColumnOf(text.AsSpan(0, idx));
            sink.Add(line, column, "", "not_text", "the file contains a NUL character: not a YAML text file", Severity.Error);
            return Result(sink, null, null);
        }
        var root = new YamlTreeBuilder(sink).Build(text);
        if (root is null) return Result(sink, null, null);
        var r = new NodeReader(sink);
        if (root is not YMapping map)
        {
            r.WrongType(root, "", "a mapping with 'type: model' and 'format_version'");
            return Result(sink, null, null);
        }
        var m = new MapReader(r, map, "");
        var type = m.String("type");
        var formatVersion = m.Text("format_version");
        if (type is null || formatVersion is null)
        {
            if (type is null) m.Missing("type", "expected 'model'");
            if (formatVersion is null) m.Missing("format_version", "e.g. 0.5.4");
            return Result(sink, null, formatVersion);
        }
        if (type != "model")
        {
            sink.Error(map.Get("type"), "type", "not_a_model", $"type '{type}' is not a model: unsupported here (only 'type: model' descriptions are read)");
            return Result(sink, null, formatVersion);
        }
        var match = VersionPattern().Match(formatVersion);
        var majorMinor = match.Success ? $"{match.Groups[1].Value}.{match.Groups[2].Value}" : "";
        ModelDescr? descr;
        switch (majorMinor)
        {
            case "0.5":
                if (IsNewerThanLatest(formatVersion))
                    sink.Add(map.Get("format_version"), "format_version", "future_format_version",
                        $"format_version {formatVersion} is newer than {ModelDescr.LatestFormatVersion}; read as {ModelDescr.LatestFormatVersion}", Severity.Alert);
                descr = new V05ModelReader(r).Read(m, formatVersion);
                break;
            case "0.4":
                var patch = match.Groups[3].Success && int.TryParse(match.Groups[3].Value, out var p) ? p : 0;
                descr = new V04ModelReader(r, patch).Read(m);
                break;
            default:
                sink.Error(map.Get("format_version"), "format_version", "unsupported_format_version",
                    $"format_version {formatVersion} is not supported (supported: 0.4.x, 0.5.x)");
                return Result(sink, null, formatVersion);
        }
        return Result(sink, descr, formatVersion);
    }

    private static bool IsNewerThanLatest(string version) =>
        Version.TryParse(version, out var v) && Version.TryParse(ModelDescr.LatestFormatVersion, out var latest) && v > latest;

    private static DescriptionReadResult Result(IssueSink sink, ModelDescr? descr, string? formatVersion) =>
        new(sink.HasErrors ? null : descr, sink.Issues.ToEquatableArray(), formatVersion);

    private static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return Math.Max(0, bytes.Length - 1);
    }

    private static (int Line, int Column) LineColumnOf(ReadOnlySpan<byte> before)
    {
        var line = 1 + before.Count((byte)'\n');
        var lastNl = before.LastIndexOf((byte)'\n');
        var lineBytes = before[(lastNl + 1)..];
        return (line, 1 + Encoding.UTF8.GetCharCount(lineBytes));
    }

    private static (int Line, int Column) LineColumnOf(ReadOnlySpan<char> before)
    {
        var line = 1 + before.Count('\n');
        var lastNl = before.LastIndexOf('\n');
        return (line, before.Length - lastNl);
    }
}
