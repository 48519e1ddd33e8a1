namespace ModelZooBridge.Onnx;

/// <summary>What a graph input or output holds (which <c>TypeProto.value</c> case is set).</summary>
public enum OnnxValueKind
{
    /// <summary>No type given.</summary>
    Unknown,
    /// <summary>A dense tensor (<c>tensor_type</c>), the only kind bioimage.io models use.</summary>
    Tensor,
    /// <summary>A sparse tensor (<c>sparse_tensor_type</c>).</summary>
    SparseTensor,
    /// <summary>A sequence (<c>sequence_type</c>).</summary>
    Sequence,
    /// <summary>A map (<c>map_type</c>).</summary>
    Map,
    /// <summary>An optional value (<c>optional_type</c>).</summary>
    Optional,
}
