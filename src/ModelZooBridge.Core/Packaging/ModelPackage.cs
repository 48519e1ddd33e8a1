using System.Buffers;
using System.Security.Cryptography;

namespace ModelZooBridge.Packaging;

/// <summary>
/// A bioimage.io package opened for reading: a zip archive, a folder, or a description file inside a folder.
/// Files are addressed the way descriptions reference them (POSIX paths relative to the package root, <c>./</c>
/// and sub-folders allowed). Every problem with the package itself raises <see cref="PackageException"/>.
/// </summary>
/// <remarks>
/// <para>Safety: zip entries with absolute paths, drive letters, <c>..</c> segments (backslashes count as
/// separators), symbolic links, encryption, duplicate names or overlapping data are refused when the package is
/// opened, as are folder links that resolve outside the package. Inflation is bounded by <see cref="PackageLimits"/>,
/// checked on the central directory at open and on the bytes actually produced while reading.</para>
/// <para>The description is chosen as <see cref="DescriptionFileNames.Choose"/> documents (<c>rdf.yaml</c> first).
/// Not thread-safe: use one instance per thread.</para>
/// </remarks>
public sealed class ModelPackage : IDisposable
{
    private readonly IPackageSource _source;
    private bool _disposed;

    private ModelPackage(string path, bool isZip, IPackageSource source, string descriptionFileName, PackageLimits limits)
    {
        Path = path;
        IsZip = isZip;
        _source = source;
        DescriptionFileName = descriptionFileName;
        Limits = limits;
    }

    /// <summary>The path the package was opened from.</summary>
    public string Path { get; }

    /// <summary>True for a zip archive, false for a folder.</summary>
    public bool IsZip { get; }

    /// <summary>The description's file name at the package root, e.g. <c>rdf.yaml</c>.</summary>
    public string DescriptionFileName { get; }

    /// <summary>The limits reads are checked against.</summary>
    public PackageLimits Limits { get; }

    /// <summary>Every file of the package as a relative POSIX path, sorted ordinally (folders are not listed).</summary>
    public IReadOnlyList<string> Files => _source.Files;

    /// <summary>
    /// Opens <paramref name="path"/>: a folder (the description is found at its root), a <c>.yaml</c>/<c>.yml</c>
    /// description file (its folder is the package), or anything else as a zip archive.
    /// </summary>
    /// <exception cref="PackageException">The package is missing, unreadable, unsafe, over the limits or has no description.</exception>
    public static ModelPackage Open(string path, PackageLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        limits ??= PackageLimits.Default;
        limits.Validate();
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var folder = FolderPackageSource.Open(full, path, limits);
            return WithChosenDescription(path, isZip: false, folder, limits);
        }
        if (!File.Exists(full)) throw new PackageException(path, "no such file or folder");
        if (full.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            var folder = FolderPackageSource.Open(System.IO.Path.GetDirectoryName(full)!, path, limits);
            var name = System.IO.Path.GetFileName(full);
            if (!folder.Contains(name))
            {
                folder.Dispose();
                throw new PackageException(path, "description file is a link leading outside its folder");
            }
            return new ModelPackage(path, isZip: false, folder, name, limits);
        }
        return WithChosenDescription(path, isZip: true, ZipPackageSource.Open(full, path, limits), limits);
    }

    /// <summary>True for an <c>http://</c> or <c>https://</c> source, which is never a file of a package.</summary>
    public static bool IsRemoteSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return PackagePath.IsRemote(source);
    }

    /// <summary>The description file's bytes.</summary>
    public byte[] ReadDescriptionBytes() => ReadFile(DescriptionFileName);

    /// <summary>True when <paramref name="relativePath"/> names a file of the package.</summary>
    /// <exception cref="PackageException">The reference is remote, absolute or leads outside the package.</exception>
    public bool Exists(string relativePath) => _source.Contains(Resolve(relativePath));

    /// <summary>The uncompressed length of a file in bytes (for a zip, as the central directory declares it).</summary>
    public long GetFileLength(string relativePath) => _source.GetLength(ResolveExisting(relativePath));

    /// <summary>
    /// Opens a file for sequential reading. For a zip the stream inflates on the fly, is bounded by
    /// <see cref="Limits"/> and checks length and CRC-32 when the end is read.
    /// </summary>
    public Stream OpenFile(string relativePath)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _source.Open(ResolveExisting(relativePath));
    }

    /// <summary>Reads a whole file into memory; refused above <see cref="PackageLimits.MaxEntrySize"/> or 2 GiB.</summary>
    public byte[] ReadFile(string relativePath)
    {
        var canonical = ResolveExisting(relativePath);
        var length = _source.GetLength(canonical);
        var cap = Math.Min(Array.MaxLength, Limits.MaxEntrySize);
        if (length > cap)
            throw new PackageException(Path, $"'{relativePath}' has {length} bytes, too large to read into memory (limit {cap})");
        var data = new byte[length];
        using var stream = _source.Open(canonical);
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException e)
        {
            throw new PackageException(Path, $"'{relativePath}' is shorter than its declared {length} bytes", e);
        }
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
            throw new PackageException(Path, $"'{relativePath}' is longer than its declared {length} bytes");
        return data;
    }

    /// <summary>The SHA-256 of a file as 64 lower-case hex digits (as descriptions write it), computed while streaming.</summary>
    public string ComputeSha256(string relativePath)
    {
        using var stream = OpenFile(relativePath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Closes the archive.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _source.Dispose();
    }

    private static ModelPackage WithChosenDescription(string path, bool isZip, IPackageSource source, PackageLimits limits)
    {
        var description = DescriptionFileNames.Choose(source.Files.Where(f => !f.Contains('/')));
        if (description is null)
        {
            source.Dispose();
            throw new PackageException(path, "no description at the package root (rdf.yaml, bioimageio.yaml, model.yaml or *.rdf.yaml, *.bioimageio.yaml, *.model.yaml)");
        }
        return new ModelPackage(path, isZip, source, description, limits);
    }

    private string Resolve(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PackagePath.TryNormalizeReference(relativePath, out var problem) ?? throw new PackageException(Path, problem!);
    }

    private string ResolveExisting(string relativePath)
    {
        var canonical = Resolve(relativePath);
        if (!_source.Contains(canonical)) throw new PackageException(Path, $"no file '{PackagePath.Printable(relativePath)}' in the package");
        return canonical;
    }
}
