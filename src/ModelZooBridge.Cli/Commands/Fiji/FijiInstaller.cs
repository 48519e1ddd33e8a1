using System.Reflection;
using System.Text;
using ModelZooBridge.IO;

namespace ModelZooBridge.Cli.Commands.Fiji;

/// <summary>
/// Copies the macros embedded in the host into <c>Fiji.app/plugins/ModelZooBridge/</c> (ImageJ lists every
/// <c>.ijm</c> there in the Plugins menu), records the host's path in <see cref="SettingsFile"/> and the installed
/// files in <see cref="ManifestFile"/>, so that uninstalling removes exactly those files.
/// </summary>
public static class FijiInstaller
{
    /// <summary>The folder under <c>plugins/</c> that holds the macros.</summary>
    public const string FolderName = "ModelZooBridge";

    /// <summary>Where the macros look for the host (<c>host=PATH</c>), unless <c>MZB_HOME</c> is set.</summary>
    public const string SettingsFile = "mzb.properties";

    /// <summary>The files an install wrote, one name a line.</summary>
    public const string ManifestFile = "mzb-installed.txt";

    private const string ResourcePrefix = "fiji-macros/";

    /// <summary>The macro files embedded in the host: name and content.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Macros()
    {
        var assembly = typeof(FijiInstaller).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n)))];
    }

    /// <summary>The install folder inside a Fiji/ImageJ folder, after checking that it is one.</summary>
    /// <exception cref="IOException">When <paramref name="fiji"/> is not a Fiji or ImageJ folder.</exception>
    public static string TargetFolder(string fiji)
    {
        var plugins = Path.Combine(fiji, "plugins");
        bool hasImageJ = File.Exists(Path.Combine(fiji, "ij.jar"))
            || (Directory.Exists(Path.Combine(fiji, "jars")) && Directory.EnumerateFiles(Path.Combine(fiji, "jars"), "ij-*.jar").Any());
        if (!Directory.Exists(plugins) || !hasImageJ)
            throw new IOException($"{fiji}: not a Fiji or ImageJ folder (expected plugins/ beside ij.jar or jars/ij-*.jar)");
        return Path.Combine(plugins, FolderName);
    }

    /// <summary>Writes the macros, the settings (host path) and the manifest; returns the files written.</summary>
    public static IReadOnlyList<string> Install(string fiji, string host)
    {
        var folder = TargetFolder(fiji);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var (name, content) in Macros())
        {
            Write(Path.Combine(folder, name), content);
            written.Add(name);
        }
        Write(Path.Combine(folder, SettingsFile), Encoding.UTF8.GetBytes($"# Written by mzb fiji install: the host the ModelZooBridge macros run (MZB_HOME overrides it).\nhost={host}\n"));
        written.Add(SettingsFile);
        Write(Path.Combine(folder, ManifestFile), Encoding.UTF8.GetBytes(string.Join('\n', written) + "\n"));
        return [.. written.Append(ManifestFile).Select(n => Path.Combine(folder, n))];
    }

    /// <summary>Deletes the files the manifest lists, the manifest, and the folder when nothing else is left in it; returns the files removed.</summary>
    /// <exception cref="IOException">When there is no install (no manifest) in <paramref name="fiji"/>.</exception>
    public static IReadOnlyList<string> Uninstall(string fiji)
    {
        var folder = TargetFolder(fiji);
        var manifest = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifest)) throw new IOException($"{fiji}: no ModelZooBridge install found ({manifest} is missing)");
        var removed = new List<string>();
        foreach (var name in File.ReadAllLines(manifest).Where(l => l.Length > 0).Append(ManifestFile))
        {
            // The manifest holds bare file names; anything else was not written by an install and is left alone.
            if (name != Path.GetFileName(name)) continue;
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            removed.Add(path);
        }
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        return removed;
    }

    private static void Write(string path, byte[] content)
    {
        using var file = AtomicFile.Create(path);
        file.Stream.Write(content);
        file.Commit();
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
