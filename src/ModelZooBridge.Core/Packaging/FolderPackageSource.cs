namespace ModelZooBridge.Packaging;

/// <summary>
/// An unpacked package: a folder. Opening lists every file below the root (at most
/// <see cref="PackageLimits.MaxEntryCount"/> entries) and refuses symbolic links that resolve outside the root;
/// links inside the root are allowed (links to folders are not descended into when listing, but paths through
/// them resolve). Every read resolves the real path again, so a link created after opening
/// cannot lead outside either.
/// </summary>
internal sealed class FolderPackageSource : IPackageSource
{
    private const int MaxLinkHops = 40;

    private readonly string _path;
    private readonly string _root;
    private readonly HashSet<string> _files;

    private FolderPackageSource(string path, string root, List<string> files)
    {
        _path = path;
        _root = root;
        files.Sort(StringComparer.Ordinal);
        Files = files;
        _files = new HashSet<string>(files, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>Lists and checks the folder at <paramref name="fullPath"/>; messages name <paramref name="path"/>.</summary>
    public static FolderPackageSource Open(string fullPath, string path, PackageLimits limits)
    {
        string root;
        try
        {
            root = RealPath(fullPath);
        }
        catch (IOException e)
        {
            throw new PackageException(path, $"cannot be resolved ({e.Message})", e);
        }
        var files = new List<string>();
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var count = 0;
        var folders = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        try
        {
            // Walked by hand so links to folders are checked but never descended into (no loops, no duplicates).
            while (folders.TryPop(out var folder))
            {
                foreach (var info in folder.EnumerateFileSystemInfos("*", options))
                {
                    if (++count > limits.MaxEntryCount)
                        throw new PackageException(path, $"folder holds more than {limits.MaxEntryCount} entries, the limit");
                    var relative = Path.GetRelativePath(root, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
                    if (info.LinkTarget is not null)
                    {
                        var target = RealPath(info.FullName);
                        if (!IsInside(target, root))
                            throw new PackageException(path, $"'{PackagePath.Printable(relative)}' is a symbolic link to '{info.LinkTarget}', outside the package; links leading out are refused");
                        if (File.Exists(target)) files.Add(relative);
                        continue;
                    }
                    if (info is DirectoryInfo directory) folders.Push(directory);
                    else files.Add(relative);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException(path, $"cannot list the folder ({e.Message})", e);
        }
        return new FolderPackageSource(path, root, files);
    }

    /// <summary>Listed files, and files reached through a link to a folder inside the package (not listed).</summary>
    public bool Contains(string canonicalPath)
    {
        if (_files.Contains(canonicalPath)) return true;
        try
        {
            var real = RealPath(Path.Combine(_root, canonicalPath.Replace('/', Path.DirectorySeparatorChar)));
            return IsInside(real, _root) && File.Exists(real);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public long GetLength(string canonicalPath) => new FileInfo(Locate(canonicalPath)).Length;

    public Stream Open(string canonicalPath)
    {
        var real = Locate(canonicalPath);
        try
        {
            return new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException(_path, $"'{canonicalPath}' cannot be read ({e.Message})", e);
        }
    }

    public void Dispose()
    {
    }

    private string Locate(string canonicalPath)
    {
        string real;
        try
        {
            real = RealPath(Path.Combine(_root, canonicalPath.Replace('/', Path.DirectorySeparatorChar)));
        }
        catch (IOException e)
        {
            throw new PackageException(_path, $"'{canonicalPath}' cannot be resolved ({e.Message})", e);
        }
        if (!IsInside(real, _root))
            throw new PackageException(_path, $"'{canonicalPath}' resolves outside the package (symbolic link); links leading out are refused");
        if (!File.Exists(real))
            throw new PackageException(_path, $"no file '{canonicalPath}' in the package");
        return real;
    }

    private static bool IsInside(string path, string root) =>
        path == root
        || path.Length > root.Length
        && path.StartsWith(root, StringComparison.Ordinal)
        && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar);

    /// <summary>
    /// The absolute path with every symbolic link along it resolved (like POSIX <c>realpath</c>, but a missing
    /// tail is kept as is). Gives up after <see cref="MaxLinkHops"/> links, as the kernel does for loops.
    /// </summary>
    internal static string RealPath(string absolutePath)
    {
        var pending = new Stack<string>(SplitReversed(absolutePath));
        var current = Path.GetPathRoot(absolutePath) ?? "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment == ".") continue;
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var candidate = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(candidate) ? new DirectoryInfo(candidate) : new FileInfo(candidate);
            var link = info.LinkTarget;
            if (link is null)
            {
                current = candidate;
                continue;
            }
            if (++hops > MaxLinkHops) throw new IOException($"too many levels of symbolic links at '{candidate}'");
            if (Path.IsPathRooted(link)) current = Path.GetPathRoot(link) ?? "/";
            foreach (var part in SplitReversed(link)) pending.Push(part);
        }
        return current;
    }

    private static IEnumerable<string> SplitReversed(string path) =>
        path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse();
}
