namespace ModelZooBridge.Packaging;

/// <summary>
/// Normalises file references the way descriptions write them (POSIX, relative to the package root, may contain
/// <c>./</c>, empty segments and sub-folders) to one canonical form: segments joined by <c>/</c>, no <c>.</c>,
/// no <c>..</c>, no leading slash.
/// </summary>
internal static class PackagePath
{
    /// <summary>True for an <c>http://</c> or <c>https://</c> source.</summary>
    public static bool IsRemote(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The canonical form of a description's reference, or the reason it is not a file inside the package
    /// (remote URL, other URI scheme, absolute path, drive letter, <c>..</c> leading out of the package).
    /// </summary>
    public static string? TryNormalizeReference(string reference, out string? problem)
    {
        problem = null;
        if (reference.Length == 0)
        {
            problem = "empty file reference";
            return null;
        }
        if (IsRemote(reference))
        {
            problem = $"'{reference}' is a remote source; remote sources cannot be fetched offline";
            return null;
        }
        if (reference.Contains("://", StringComparison.Ordinal))
        {
            problem = $"'{reference}' is a URI, not a file inside the package";
            return null;
        }
        if (reference[0] == '/' || reference[0] == '\\' || HasDriveLetter(reference))
        {
            problem = $"'{reference}' is an absolute path; package files are referenced relative to the package root";
            return null;
        }
        if (reference.Contains('\0'))
        {
            problem = $"'{reference}' contains a NUL character";
            return null;
        }
        var segments = new List<string>();
        foreach (var segment in reference.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    problem = $"'{reference}' points outside the package";
                    return null;
                }
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        if (segments.Count == 0)
        {
            problem = $"'{reference}' names the package root, not a file";
            return null;
        }
        return string.Join('/', segments);
    }

    /// <summary>
    /// The canonical form of a zip entry name, or the reason it is unsafe. Backslashes are treated as separators
    /// (some Windows tools write them), so <c>..\x</c> is caught like <c>../x</c>.
    /// </summary>
    public static string? TryNormalizeEntryName(string entryName, out string? problem)
    {
        problem = null;
        if (entryName.Length == 0)
        {
            problem = "entry with an empty name";
            return null;
        }
        if (entryName.Contains('\0'))
        {
            problem = $"entry '{Printable(entryName)}' has a NUL character in its name";
            return null;
        }
        var name = entryName.Replace('\\', '/');
        if (name[0] == '/')
        {
            problem = $"entry '{Printable(entryName)}' has an absolute path";
            return null;
        }
        if (HasDriveLetter(name))
        {
            problem = $"entry '{Printable(entryName)}' has a drive letter";
            return null;
        }
        var segments = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment == "..")
            {
                problem = $"entry '{Printable(entryName)}' has a '..' segment (path traversal)";
                return null;
            }
            if (segment.Length == 0 || segment == ".") continue;
            segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    /// <summary>The name with control characters escaped, safe to put in a one-line message.</summary>
    public static string Printable(string name)
    {
        if (!name.Any(char.IsControl)) return name;
        return string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    private static bool HasDriveLetter(string path) =>
        path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]);
}
