namespace ModelZooBridge.Packaging;

/// <summary>Where a <see cref="ModelPackage"/> reads its files from: a zip archive or a folder.</summary>
internal interface IPackageSource : IDisposable
{
    /// <summary>Every file, canonical relative POSIX paths, sorted ordinally.</summary>
    IReadOnlyList<string> Files { get; }

    /// <summary>True when <paramref name="canonicalPath"/> is a file of the package.</summary>
    bool Contains(string canonicalPath);

    /// <summary>The (uncompressed) length of a file the package contains.</summary>
    long GetLength(string canonicalPath);

    /// <summary>Opens a file the package contains for sequential reading, bounded by the package limits.</summary>
    Stream Open(string canonicalPath);
}
