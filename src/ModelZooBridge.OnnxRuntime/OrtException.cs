namespace ModelZooBridge.OnnxRuntime;

/// <summary>An error reported by ONNX Runtime through an <c>OrtStatus</c>, or by this binding about ORT's use.</summary>
public sealed class OrtException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with the code, e.g. <c>[InvalidArgument] …</c>.</summary>
    /// <param name="code">ORT's error code.</param>
    /// <param name="message">ORT's message, or this binding's explanation.</param>
    /// <param name="innerException">The error this one explains, if any.</param>
    public OrtException(OrtErrorCode code, string message, Exception? innerException = null)
        : base($"[{code}] {message}", innerException)
    {
        ErrorCode = code;
        OrtMessage = message;
    }

    /// <summary>ORT's error code.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>The message without the code prefix.</summary>
    public string OrtMessage { get; }
}
