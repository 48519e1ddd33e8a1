namespace ModelZooBridge.Tests;

/// <summary>Paths inside the repository for tests that use files outside their own output folder (linked into every test project).</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding ModelZooBridge.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The copied bioimage.io reference packages (read-only fixtures of the Core tests).</summary>
    public static string ReferencePackages => Of("tests", "ModelZooBridge.Core.Tests", "Fixtures", "reference-packages");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ModelZooBridge.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"no ModelZooBridge.sln above {AppContext.BaseDirectory}");
    }
}
