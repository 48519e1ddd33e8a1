namespace ModelZooBridge.Arrays;

/// <summary>Element types of arrays and tensors, named as in numpy and the bioimage.io spec.</summary>
public enum DType
{
    /// <summary>numpy <c>bool</c>: one byte, 0 or 1.</summary>
    Bool,
    /// <summary>numpy <c>uint8</c>.</summary>
    UInt8,
    /// <summary>numpy <c>int8</c>.</summary>
    Int8,
    /// <summary>numpy <c>uint16</c>.</summary>
    UInt16,
    /// <summary>numpy <c>int16</c>.</summary>
    Int16,
    /// <summary>numpy <c>uint32</c>.</summary>
    UInt32,
    /// <summary>numpy <c>int32</c>.</summary>
    Int32,
    /// <summary>numpy <c>int64</c>.</summary>
    Int64,
    /// <summary>numpy <c>float32</c>.</summary>
    Float32,
    /// <summary>numpy <c>float64</c>.</summary>
    Float64,
}
