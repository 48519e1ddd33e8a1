namespace ModelZooBridge.OnnxRuntime;

/// <summary>ONNX Runtime's <c>OrtLoggingLevel</c>.</summary>
public enum OrtLogLevel
{
    /// <summary><c>ORT_LOGGING_LEVEL_VERBOSE</c>.</summary>
    Verbose = 0,
    /// <summary><c>ORT_LOGGING_LEVEL_INFO</c>.</summary>
    Info = 1,
    /// <summary><c>ORT_LOGGING_LEVEL_WARNING</c>.</summary>
    Warning = 2,
    /// <summary><c>ORT_LOGGING_LEVEL_ERROR</c>.</summary>
    Error = 3,
    /// <summary><c>ORT_LOGGING_LEVEL_FATAL</c>.</summary>
    Fatal = 4,
}
