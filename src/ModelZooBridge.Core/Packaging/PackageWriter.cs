using System.Text;
using ICSharpCode.SharpZipLib.Zip;
using ModelZooBridge.IO;

namespace ModelZooBridge.Packaging;

/// <summary>
/// Writes a zipped package the way the official packager does (bioimageio-spec §1): the description as
/// <c>rdf.yaml</c> first at the archive root, then every file flat at the root under its package name,
/// deflate at level 1. The zip appears atomically (<see cref="AtomicFile"/>): a failure leaves no partial file.
/// </summary>
/// <remarks>
/// The caller is responsible for rewriting the description's sources to the flat names it passes here. Entries
/// carry Unix permissions 0644 and the time of writing; zip64 extensions are used only for entries that need them.
/// </remarks>
public static class PackageWriter
{
    /// <summary>Deflate level of the official packager (Python's <c>ZIP_DEFLATED</c>, <c>compresslevel=1</c>).</summary>
    public const int CompressionLevel = 1;

    private const int UnixRegularFile0644 = 0x81A4;
    private const int HostSystemUnix = 3;

    /// <summary>
    /// Writes <paramref name="zipPath"/> with <paramref name="descriptionYaml"/> (UTF-8, no BOM) as <c>rdf.yaml</c> and
    /// each <paramref name="files"/> entry (name in the package → source path on disk), in ordinal name order.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a plain file name, is reserved for descriptions, or clashes
    /// with another name when case is ignored.</exception>
    /// <exception cref="FileNotFoundException">A source file does not exist.</exception>
    public static void Write(string zipPath, string descriptionYaml, IReadOnlyDictionary<string, string> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(zipPath);
        ArgumentNullException.ThrowIfNull(descriptionYaml);
        ArgumentNullException.ThrowIfNull(files);
        var names = files.Keys.Order(StringComparer.Ordinal).ToArray();
        CheckNames(names, files);

        var time = DateTime.Now;
        using var target = AtomicFile.Create(zipPath);
        using (var zip = new ZipOutputStream(target.Stream) { IsStreamOwner = false })
        {
            zip.SetLevel(CompressionLevel);
            var yaml = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(descriptionYaml);
            zip.PutNextEntry(NewEntry(DescriptionFileNames.Canonical, yaml.Length, time));
            zip.Write(yaml);
            zip.CloseEntry();
            foreach (var name in names)
            {
                using var source = new FileStream(files[name], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                zip.PutNextEntry(NewEntry(name, source.Length, time));
                source.CopyTo(zip, 1 << 20);
                zip.CloseEntry();
            }
            zip.Finish();
        }
        target.Commit();
    }

    private static ZipEntry NewEntry(string name, long size, DateTime time) => new(name)
    {
        CompressionMethod = CompressionMethod.Deflated,
        Size = size,
        DateTime = time,
        HostSystem = HostSystemUnix,
        ExternalFileAttributes = UnixRegularFile0644 << 16,
    };

    private static void CheckNames(string[] names, IReadOnlyDictionary<string, string> files)
    {
        var folded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', '\0', ':']) >= 0)
                throw new ArgumentException($"package file name '{name}' must be a plain file name (no folder, drive or separator)", nameof(files));
            if (DescriptionFileNames.IsDescriptionName(name))
                throw new ArgumentException($"package file name '{name}' is reserved for the description", nameof(files));
            if (!folded.Add(name) || string.Equals(name, DescriptionFileNames.Canonical, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"package file name '{name}' clashes with another name when case is ignored", nameof(files));
            if (!File.Exists(files[name]))
                throw new FileNotFoundException($"source of package file '{name}' not found: {files[name]}", files[name]);
        }
    }
}
