namespace ModelZooBridge.OnnxRuntime;

/// <summary>Process-wide settings of <see cref="OrtRuntime"/>; pass them to <see cref="OrtRuntime.Configure"/> before first use.</summary>
public sealed record OrtRuntimeOptions
{
    /// <summary>The least severe ORT log message that is forwarded (ORT's <c>log_severity_level</c>). Default: warnings.</summary>
    public OrtLogLevel MinimumLogLevel { get; init; } = OrtLogLevel.Warning;

    /// <summary>
    /// Receives every forwarded message, on whichever thread ORT logs from; must not block for long. Default: one
    /// plain line per message on standard error (<see cref="WriteToStandardError"/>). Null forwards to
    /// <see cref="OrtRuntime.MessageLogged"/> subscribers only.
    /// </summary>
    public Action<OrtLogLevel, string>? LogSink { get; init; } = WriteToStandardError;

    /// <summary>The log identifier ORT puts on the environment's messages.</summary>
    public string LogId { get; init; } = "mzb";

    /// <summary>Writes <c>onnxruntime warning: message</c> to standard error.</summary>
    /// <param name="level">Severity.</param>
    /// <param name="message">ORT's message.</param>
    public static void WriteToStandardError(OrtLogLevel level, string message) =>
        Console.Error.WriteLine($"onnxruntime {level.ToString().ToLowerInvariant()}: {message}");
}
