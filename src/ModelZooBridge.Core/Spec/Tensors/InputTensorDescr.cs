namespace ModelZooBridge.Spec;

/// <summary>An entry of <c>inputs</c> (0.5).</summary>
/// <param name="Id"><c>id</c> (0.4: <c>name</c>).</param>
/// <param name="Axes"><c>axes</c>.</param>
/// <param name="Data"><c>data</c>: one entry for the whole tensor, or one per channel.</param>
/// <param name="Description"><c>description</c>, empty when absent.</param>
/// <param name="TestTensor"><c>test_tensor</c> (0.4: <c>test_inputs[i]</c>).</param>
/// <param name="SampleTensor"><c>sample_tensor</c> (0.4: <c>sample_inputs[i]</c>).</param>
/// <param name="Preprocessing"><c>preprocessing</c>, in order.</param>
/// <param name="Optional"><c>optional</c>.</param>
public sealed record InputTensorDescr(
    string Id, EquatableArray<AxisDescr> Axes, EquatableArray<TensorDataDescr> Data, string Description = "",
    FileDescr? TestTensor = null, FileDescr? SampleTensor = null,
    EquatableArray<ProcessingDescr> Preprocessing = default, bool Optional = false);
