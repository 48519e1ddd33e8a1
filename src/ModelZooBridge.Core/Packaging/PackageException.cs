namespace ModelZooBridge.Packaging;

/// <summary>
/// The one exception <see cref="ModelPackage"/> raises for a package it cannot or will not read: not a zip,
/// corrupt or truncated, unsafe entry names, links, limits exceeded (zip bombs), missing or remote files.
/// The message is one line naming the package (and entry) and the problem.
/// </summary>
public sealed class PackageException : Exception
{
    /// <summary>Creates the exception for <paramref name="packagePath"/>.</summary>
    public PackageException(string packagePath, string problem, Exception? inner = null)
        : base($"{packagePath}: {problem}", inner)
    {
        PackagePath = packagePath;
        Problem = problem;
    }

    /// <summary>The zip file or folder concerned.</summary>
    public string PackagePath { get; }

    /// <summary>What is wrong, without the package path.</summary>
    public string Problem { get; }
}
