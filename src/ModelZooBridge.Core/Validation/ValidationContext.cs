using System.Text;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Validation;

/// <summary>State shared by the check groups of one validation run: the package, the description and the findings.</summary>
internal sealed class ValidationContext
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string, string)> _seen = [];

    public ValidationContext(ModelPackage package, ModelDescr description, string sourceFormatVersion, byte[] descriptionBytes,
        IReadOnlyList<SpecIssue> readerIssues, CancellationToken cancellationToken)
    {
        Package = package;
        Description = description;
        SourceFormatVersion = sourceFormatVersion;
        ReaderIssues = readerIssues;
        CancellationToken = cancellationToken;
        IndexPositions(descriptionBytes);
    }

    public ModelPackage Package { get; }

    public ModelDescr Description { get; }

    /// <summary>The format_version as written (0.4 descriptions are converted before the checks run).</summary>
    public string SourceFormatVersion { get; }

    public bool IsV04 => SourceFormatVersion.StartsWith("0.4", StringComparison.Ordinal);

    public IReadOnlyList<SpecIssue> ReaderIssues { get; }

    public CancellationToken CancellationToken { get; }

    public List<ValidationEntry> Entries { get; } = [];

    /// <summary>Test-tensor shapes read so far, by tensor id (for size-reference checks).</summary>
    public Dictionary<string, int[]> TestShapes { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a finding with the catalogue severity; identical findings are reported once.</summary>
    public void Add(string checkId, string message, string fieldPath)
    {
        var definition = CheckCatalogue.Get(checkId);
        if (!_seen.Add((checkId, message, fieldPath))) return;
        Entries.Add(new ValidationEntry(checkId, definition.Severity, message, LocationOf(fieldPath)));
    }

    /// <summary>A location for a field path such as <c>inputs[0].axes[2].size</c>, with the line of the nearest written ancestor.</summary>
    public Location LocationOf(string fieldPath)
    {
        var probe = fieldPath;
        while (probe.Length > 0)
        {
            if (_positions.TryGetValue(probe, out var p)) return new Location(Package.DescriptionFileName, p.Line, p.Column, fieldPath);
            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            probe = cut <= 0 ? "" : probe[..cut];
        }
        return new Location(Package.DescriptionFileName, 0, 0, fieldPath);
    }

    private void IndexPositions(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return;
        }
        var root = new YamlTreeBuilder(new IssueSink(Package.DescriptionFileName)).Build(text);
        if (root is not null) Walk(root, "", 0);
    }

    private void Walk(YNode node, string path, int depth)
    {
        if (depth > YamlTreeBuilder.MaxDepth || _positions.Count > 100_000) return;
        if (path.Length > 0) _positions.TryAdd(path, (node.Line, node.Column));
        switch (node)
        {
            case YMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    var sub = path.Length == 0 ? key.Value : path + "." + key.Value;
                    _positions.TryAdd(sub, (key.Line, key.Column));
                    Walk(value, sub, depth + 1);
                }
                break;
            case YSequence seq:
                for (var i = 0; i < seq.Items.Count; i++) Walk(seq.Items[i], $"{path}[{i}]", depth + 1);
                break;
        }
    }
}
