namespace ModelZooBridge.OnnxRuntime;

/// <summary>ONNX Runtime's <c>GraphOptimizationLevel</c>: how much the graph is rewritten when a session is created.</summary>
public enum GraphOptimizationLevel
{
    /// <summary><c>ORT_DISABLE_ALL</c>.</summary>
    Disabled = 0,
    /// <summary><c>ORT_ENABLE_BASIC</c>: constant folding and redundant-node removal.</summary>
    Basic = 1,
    /// <summary><c>ORT_ENABLE_EXTENDED</c>: adds node fusions.</summary>
    Extended = 2,
    /// <summary><c>ORT_ENABLE_ALL</c>: adds layout optimisations (ORT's default).</summary>
    All = 99,
}
