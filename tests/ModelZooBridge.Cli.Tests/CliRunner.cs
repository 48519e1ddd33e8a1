using System.Diagnostics;
using ModelZooBridge.Cli;

namespace ModelZooBridge.Tests;

/// <summary>Runs <c>mzb</c> in process (fast) or as the published host (what a Fiji macro runs).</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = MzbApp.Run(args, new ConsoleUi(stdout, stderr, interactive: false));
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The published host that ./test.sh builds (MZB_HOST), run as a separate process.</summary>
    public static Result RunHost(params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("MZB_HOST");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
            throw new InvalidOperationException("MZB_HOST is not set to the published host; run the tests through ./test.sh");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); throw new TimeoutException("mzb did not finish"); }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mzb-cli-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
