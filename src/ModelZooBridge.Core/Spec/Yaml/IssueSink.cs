namespace ModelZooBridge.Spec.Yaml;

/// <summary>Collects issues for one file.</summary>
internal sealed class IssueSink(string file)
{
    public string File { get; } = file;

    public List<SpecIssue> Issues { get; } = [];

    public bool HasErrors => Issues.Exists(i => i.Severity == Severity.Error);

    public void Add(int line, int column, string path, string code, string message, Severity severity) =>
        Issues.Add(new SpecIssue(new Location(File, line, column, path), code, message, severity));

    public void Add(YNode? at, string path, string code, string message, Severity severity) =>
        Add(at?.Line ?? 0, at?.Column ?? 0, path, code, message, severity);

    public void Error(YNode? at, string path, string code, string message) => Add(at, path, code, message, Severity.Error);

    public void Warn(YNode? at, string path, string code, string message) => Add(at, path, code, message, Severity.Warning);
}
