using ModelZooBridge.Arrays;

namespace ModelZooBridge.Spec;

/// <summary>
/// <c>size: {tensor_id, axis_id, offset}</c>: <c>size = floor(ref_size * ref_axis.scale / axis.scale + offset)</c>.
/// </summary>
/// <param name="TensorId"><c>tensor_id</c> of the referenced tensor.</param>
/// <param name="AxisId"><c>axis_id</c> of the referenced axis.</param>
/// <param name="Offset"><c>offset</c> (default 0).</param>
public sealed record SizeReference(string TensorId, AxisId AxisId, int Offset = 0) : AxisSize;
