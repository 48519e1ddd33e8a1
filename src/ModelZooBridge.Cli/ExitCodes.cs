namespace ModelZooBridge.Cli;

/// <summary>The exit codes of <c>mzb</c>; each keeps its meaning forever.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;
    /// <summary>A check failed: a package or image did not pass validation.</summary>
    public const int CheckFailed = 1;
    /// <summary>Bad arguments or unreadable input; nothing was written.</summary>
    public const int UsageOrInput = 2;
    /// <summary>A native engine (ONNX Runtime, the libtorch shim) is missing or failed to load.</summary>
    public const int BackendUnavailable = 3;
    /// <summary>Interrupted by Ctrl-C.</summary>
    public const int Cancelled = 130;

    /// <summary>The table printed at the end of <c>--help</c>.</summary>
    public const string HelpText = "Exit codes: 0 ok, 1 a check failed, 2 usage or input error, 3 engine unavailable, 130 interrupted.";
}
