using System.Globalization;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>Readers for the metadata records whose form is the same (or nearly) in 0.4 and 0.5.</summary>
internal sealed class CommonFieldReader(NodeReader r)
{
    public NodeReader R { get; } = r;

    /// <summary><c>authors</c> entry; 0.4 also allows a plain string (the name).</summary>
    public Author? Author(YNode node, string path, bool allowString)
    {
        if (allowString && node is YScalar { Kind: ScalarKind.String } s) return new Author(s.Value);
        var m = R.Map(node, path);
        if (m is null) return null;
        var name = m.String("name", required: true);
        var author = new Author(name ?? "", m.String("affiliation"), m.String("email"), m.Text("orcid"), m.String("github_user"));
        m.Finish();
        return name is null ? null : author;
    }

    public Maintainer? Maintainer(YNode node, string path)
    {
        var m = R.Map(node, path);
        if (m is null) return null;
        var user = m.String("github_user", required: true);
        var result = new Maintainer(user ?? "", m.String("name"), m.String("affiliation"), m.String("email"), m.Text("orcid"));
        m.Finish();
        return user is null ? null : result;
    }

    public CiteEntry? Cite(YNode node, string path, bool stripDoiPrefix)
    {
        var m = R.Map(node, path);
        if (m is null) return null;
        var text = m.String("text", required: true);
        var doi = m.Text("doi");
        var url = m.String("url");
        m.Finish();
        if (doi is null && url is null)
            R.Sink.Error(m.Node, path, "missing_field", "a citation needs a 'doi' or a 'url'");
        if (stripDoiPrefix && doi is not null)
            foreach (var prefix in (string[])["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"])
                if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) doi = doi[prefix.Length..];
        return text is null ? null : new CiteEntry(text, doi, url);
    }

    public Uploader? Uploader(MapReader parent, string key)
    {
        var m = parent.Map(key);
        if (m is null) return null;
        var email = m.String("email", required: true);
        var result = new Uploader(email ?? "", m.String("name"));
        m.Finish();
        return email is null ? null : result;
    }

    /// <summary><c>{source, sha256}</c>.</summary>
    public FileDescr? File(YNode? node, string path)
    {
        var m = R.Map(node, path);
        if (m is null) return null;
        var source = m.String("source", required: true);
        var sha = Sha256(m);
        m.Finish();
        return source is null ? null : new FileDescr(source, sha);
    }

    public string? Sha256(MapReader m, string key = "sha256")
    {
        var sha = m.Text(key);
        if (sha is null) return null;
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
        {
            R.Sink.Error(m.Node.Get(key), m.Sub(key), "bad_sha256", $"expected 64 hexadecimal digits, got '{sha}' ({sha.Length} characters)");
            return null;
        }
        return sha.ToLowerInvariant();
    }

    /// <summary><c>{id, version}</c> (or 0.4 <c>version_number</c>).</summary>
    public (string Id, string? Version)? Link(MapReader m, string versionKey)
    {
        var id = m.String("id", required: true);
        var version = m.Text(versionKey);
        m.Finish();
        return id is null ? null : (id, version);
    }

    public TrainingDataDescr? TrainingData(MapReader parent, string versionKey)
    {
        var node = parent.Take("training_data");
        if (node is null) return null;
        var path = parent.Sub("training_data");
        if (node is YMapping map && map.Get("id") is not null && map.Entries.Count <= 2 && map.Entries.All(e => e.Key.Value is "id" or "version" or "version_number"))
        {
            var m = new MapReader(R, map, path);
            m.Ignore("version", "version_number");
            var id = m.String("id", required: true);
            var version = m.Text(map.Get(versionKey) is not null ? versionKey : "version") ?? m.Text("version_number");
            return id is null ? null : new LinkedDataset(id, version);
        }
        if (node is YMapping) return new InlineDataset((SpecMap)R.Value(node));
        R.WrongType(node, path, "a mapping {id, version} or an inline dataset description");
        return null;
    }

    public RunMode? RunMode(MapReader parent)
    {
        var m = parent.Map("run_mode");
        if (m is null) return null;
        var name = m.String("name", required: true);
        var kwargs = m.AnyMap("kwargs") ?? SpecMap.Empty;
        m.Finish();
        return name is null ? null : new RunMode(name, kwargs);
    }

    public DateTimeOffset? Timestamp(MapReader parent)
    {
        var text = parent.Text("timestamp");
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var ts))
            return ts.ToUniversalTime();
        R.Sink.Error(parent.Node.Get("timestamp"), parent.Sub("timestamp"), "bad_timestamp", $"expected an ISO 8601 date and time, got '{text}'");
        return null;
    }

    /// <summary><c>version</c>: int, float or string, kept as written.</summary>
    public string? Version(MapReader parent, string key) => parent.Text(key);

    /// <summary>Reports duplicate tensor ids across inputs and outputs.</summary>
    public void CheckUniqueTensorIds(IEnumerable<(string Id, YNode? Node, string Path)> tensors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, node, path) in tensors)
            if (!seen.Add(id))
                R.Sink.Error(node, path, "duplicate_tensor_id", $"duplicate tensor id '{id}': ids must be unique across inputs and outputs");
    }

    /// <summary>Reports duplicate axis ids within one tensor.</summary>
    public void CheckUniqueAxisIds(IReadOnlyList<AxisDescr> axes, YNode? node, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in axes)
            if (a.Id.Value is { } v && !seen.Add(v))
                R.Sink.Error(node, path, "duplicate_axis_id", $"duplicate axis id '{v}' in one tensor");
    }
}
