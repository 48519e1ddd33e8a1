using System.Diagnostics;

namespace ModelZooBridge.Tests.Fiji;

/// <summary>
/// A minimal Fiji folder around Debian's ImageJ 1.53t (<c>plugins/</c> and <c>jars/ij-1.53t.jar</c>) and a way to run
/// macros in it headless, as the host's users do: <c>xvfb-run java -Dplugins.dir=FIJI -cp ij.jar ij.ImageJ -batch</c>.
/// </summary>
internal static class FijiLayout
{
    private const string ImageJJar = "/usr/share/java/ij.jar";

    /// <summary>The host the macros run: <c>MZB_HOST</c> when set (the published host), else the framework-dependent build output.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("MZB_HOST") is { Length: > 0 } published
        ? published
        : RepositoryPaths.Of("src", "ModelZooBridge.Cli", "bin", "Release", "net10.0", "linux-x64", "mzb");

    /// <summary>Creates <c>FOLDER/Fiji.app</c> and returns it.</summary>
    public static string Create(string folder)
    {
        var fiji = Path.Combine(folder, "Fiji.app");
        Directory.CreateDirectory(Path.Combine(fiji, "plugins"));
        Directory.CreateDirectory(Path.Combine(fiji, "jars"));
        File.CreateSymbolicLink(Path.Combine(fiji, "jars", "ij-1.53t.jar"), ImageJJar);
        return fiji;
    }

    /// <summary>
    /// Runs <paramref name="macro"/> in ImageJ with <paramref name="fiji"/>'s plugins and returns what it printed.
    /// Temporary files go to <paramref name="temp"/> (TMPDIR), so a test can check that the macros clean up.
    /// A macro error opens a dialog that nobody closes, hence the time limit.
    /// </summary>
    public static string RunMacro(string fiji, string macro, string temp, IReadOnlyDictionary<string, string>? environment = null)
    {
        var file = Path.Combine(Path.GetDirectoryName(fiji)!, $"test-{Guid.NewGuid():N}.ijm");
        File.WriteAllText(file, macro);
        var start = new ProcessStartInfo("xvfb-run")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-a", "java", "-Xmx512m", $"-Dplugins.dir={fiji}", "-cp", Path.Combine(fiji, "jars", "ij-1.53t.jar"), "ij.ImageJ", "-batch", file })
            start.ArgumentList.Add(argument);
        start.Environment["TMPDIR"] = temp;
        // The macros must find the host through the settings the install wrote unless a test says otherwise.
        start.Environment.Remove("MZB_HOME");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ImageJ did not finish (a macro error dialog?); it printed: {stdout.Result}{stderr.Result}");
        }
        process.WaitForExit();
        File.Delete(file);
        return stdout.Result + stderr.Result;
    }
}
