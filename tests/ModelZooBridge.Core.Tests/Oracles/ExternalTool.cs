using System.Diagnostics;

namespace ModelZooBridge.Tests.Oracles;

/// <summary>
/// Runs the independent oracles the setup installs (Debian's python3 with numpy/tifffile, libtiff's tools,
/// ImageJ headless under xvfb-run). A missing tool fails the test: setup is responsible for installing it.
/// </summary>
public static class ExternalTool
{
    /// <summary>Debian's interpreter, which has python3-numpy and python3-tifffile (not a pyenv one).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Runs a program and returns its stdout; throws with stderr when it exits non-zero or times out.</summary>
    public static string Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }

    /// <summary>Runs a Python snippet with Debian's python3; extra arguments arrive in <c>sys.argv[1:]</c>.</summary>
    public static string RunPython(string code, params string[] arguments) =>
        Run(Python, new[] { "-c", code }.Concat(arguments));

    /// <summary>
    /// Runs an ImageJ macro headless (<c>xvfb-run -a java -cp ij.jar ij.ImageJ -batch</c>) and returns what it printed.
    /// The macro reads <paramref name="argument"/> with <c>getArgument()</c>.
    /// </summary>
    public static string RunImageJMacro(string macro, string argument = "")
    {
        var file = Path.Combine(Path.GetTempPath(), $"mzb-test-{Guid.NewGuid():N}.ijm");
        File.WriteAllText(file, macro);
        try
        {
            return Run("xvfb-run", ["-a", "java", "-Xmx2g", "-Djava.awt.headless=false", "-cp", "/usr/share/java/ij.jar", "ij.ImageJ", "-batch", file, argument],
                TimeSpan.FromMinutes(3));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A new empty folder under the system temp folder, deleted by the caller.</summary>
    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mzb-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
