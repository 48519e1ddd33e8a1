using System.CommandLine;

namespace ModelZooBridge.Cli;

/// <summary>Options shared by several verbs.</summary>
public static class CommonOptions
{
    /// <summary><c>--json</c>: machine-readable output on stdout, nothing else there.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON on stdout" };
}
