namespace ModelZooBridge.OnnxRuntime;

/// <summary>
/// ONNX Runtime's <c>OrtErrorCode</c> (<c>onnxruntime_c_api.h</c>). Codes added after 1.30's first twelve arrive as
/// their number.
/// </summary>
public enum OrtErrorCode
{
    /// <summary><c>ORT_OK</c>.</summary>
    Ok = 0,
    /// <summary><c>ORT_FAIL</c>: generic failure, e.g. an execution provider that cannot load.</summary>
    Fail = 1,
    /// <summary><c>ORT_INVALID_ARGUMENT</c>, e.g. an input of the wrong shape.</summary>
    InvalidArgument = 2,
    /// <summary><c>ORT_NO_SUCHFILE</c>.</summary>
    NoSuchFile = 3,
    /// <summary><c>ORT_NO_MODEL</c>.</summary>
    NoModel = 4,
    /// <summary><c>ORT_ENGINE_ERROR</c>.</summary>
    EngineError = 5,
    /// <summary><c>ORT_RUNTIME_EXCEPTION</c>.</summary>
    RuntimeException = 6,
    /// <summary><c>ORT_INVALID_PROTOBUF</c>: the bytes are not an ONNX model.</summary>
    InvalidProtobuf = 7,
    /// <summary><c>ORT_MODEL_LOADED</c>.</summary>
    ModelLoaded = 8,
    /// <summary><c>ORT_NOT_IMPLEMENTED</c>.</summary>
    NotImplemented = 9,
    /// <summary><c>ORT_INVALID_GRAPH</c>.</summary>
    InvalidGraph = 10,
    /// <summary><c>ORT_EP_FAIL</c>: an execution provider failed.</summary>
    EpFail = 11,
}
