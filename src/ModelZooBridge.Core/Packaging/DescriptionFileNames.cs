namespace ModelZooBridge.Packaging;

/// <summary>
/// The file names that identify a bioimage.io description (bioimageio-spec §1): <c>rdf.yaml</c>,
/// <c>bioimageio.yaml</c>, <c>model.yaml</c>, or any name ending in <c>.rdf.yaml</c>, <c>.bioimageio.yaml</c> or
/// <c>.model.yaml</c>. These names are reserved: no referenced file may use one.
/// </summary>
public static class DescriptionFileNames
{
    /// <summary>The canonical name, written by <see cref="PackageWriter"/>.</summary>
    public const string Canonical = "rdf.yaml";

    /// <summary>The recognised base names, highest priority first.</summary>
    public static IReadOnlyList<string> ByPriority { get; } = ["rdf.yaml", "bioimageio.yaml", "model.yaml"];

    /// <summary>True when <paramref name="fileName"/> (a bare name, no folder) identifies a description.</summary>
    public static bool IsDescriptionName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Priority(fileName) >= 0;
    }

    /// <summary>
    /// Chooses the description among the file names at a package's root, as the official library does: the first
    /// priority class (<c>rdf.yaml</c> &gt; <c>bioimageio.yaml</c> &gt; <c>model.yaml</c>, each with its
    /// <c>*.</c>-prefixed variants) that has a match wins, and within a class the ordinally smallest name wins
    /// (so <c>a.rdf.yaml</c> is chosen over <c>rdf.yaml</c>). Returns null when no name matches.
    /// </summary>
    public static string? Choose(IEnumerable<string> rootFileNames)
    {
        ArgumentNullException.ThrowIfNull(rootFileNames);
        string? best = null;
        var bestPriority = int.MaxValue;
        foreach (var name in rootFileNames)
        {
            var priority = Priority(name);
            if (priority < 0) continue;
            if (priority < bestPriority || (priority == bestPriority && string.CompareOrdinal(name, best) < 0))
            {
                best = name;
                bestPriority = priority;
            }
        }
        return best;
    }

    private static int Priority(string fileName)
    {
        for (var i = 0; i < ByPriority.Count; i++)
        {
            var name = ByPriority[i];
            if (fileName == name || (fileName.Length > name.Length + 1 && fileName.EndsWith("." + name, StringComparison.Ordinal)))
                return i;
        }
        return -1;
    }
}
