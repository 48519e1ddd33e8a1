namespace ModelZooBridge.Onnx;

/// <summary>A float32 initializer read back from an ONNX model: its values in C order and its shape.</summary>
/// <param name="Data">The values.</param>
/// <param name="Shape">The dimensions.</param>
public sealed record OnnxFloatTensor(float[] Data, long[] Shape);
