using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Imaging;

/// <summary>
/// Fixture files written by the checked-in oracle scripts (<c>Fixtures/&lt;format&gt;/make_fixtures.py</c>, numpy and PIL)
/// into a temporary folder, once per test run; the folder is deleted when the process exits.
/// </summary>
public sealed class GeneratedFixtures
{
    private static readonly Lazy<GeneratedFixtures> NpyInstance = new(() => Generate("npy"));
    private static readonly Lazy<GeneratedFixtures> PngInstance = new(() => Generate("png"));

    private GeneratedFixtures(string folder, string script, IReadOnlyList<string[]> manifest)
    {
        Folder = folder;
        Script = script;
        Manifest = manifest;
    }

    /// <summary>The .npy fixtures.</summary>
    public static GeneratedFixtures Npy => NpyInstance.Value;

    /// <summary>The .png fixtures.</summary>
    public static GeneratedFixtures Png => PngInstance.Value;

    /// <summary>Where the files are.</summary>
    public string Folder { get; }

    /// <summary>The script that made them.</summary>
    public string Script { get; }

    /// <summary>Manifest lines split at tabs; the first field is the fixture name.</summary>
    public IReadOnlyList<string[]> Manifest { get; }

    /// <summary>Path of a fixture file.</summary>
    public string PathOf(string name, string extension) => Path.Combine(Folder, name + extension);

    /// <summary>The manifest line of a fixture.</summary>
    public string[] Entry(string name) => Manifest.Single(m => m[0] == name);

    private static GeneratedFixtures Generate(string format)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", format, "make_fixtures.py");
        var folder = ExternalTool.NewTempFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        ExternalTool.Run(ExternalTool.Python, [script, folder]);
        var manifest = File.ReadAllLines(Path.Combine(folder, "manifest.txt"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToList();
        return new GeneratedFixtures(folder, script, manifest);
    }
}
