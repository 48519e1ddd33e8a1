namespace ModelZooBridge.Spec;

/// <summary><c>weights</c>: at least one entry; the formats are meant to be the same model.</summary>
/// <param name="KerasHdf5"><c>keras_hdf5</c>.</param>
/// <param name="Onnx"><c>onnx</c>.</param>
/// <param name="PytorchStateDict"><c>pytorch_state_dict</c>.</param>
/// <param name="TensorflowJs"><c>tensorflow_js</c>.</param>
/// <param name="TensorflowSavedModelBundle"><c>tensorflow_saved_model_bundle</c>.</param>
/// <param name="Torchscript"><c>torchscript</c>.</param>
public sealed record WeightsDescr(
    KerasHdf5WeightsDescr? KerasHdf5 = null, OnnxWeightsDescr? Onnx = null, PytorchStateDictWeightsDescr? PytorchStateDict = null,
    TensorflowJsWeightsDescr? TensorflowJs = null, TensorflowSavedModelBundleWeightsDescr? TensorflowSavedModelBundle = null,
    TorchscriptWeightsDescr? Torchscript = null)
{
    /// <summary>The present entries, in the order of the YAML keys as written by <see cref="ModelDescrWriter"/>.</summary>
    public IEnumerable<WeightsEntryDescr> Entries
    {
        get
        {
            if (KerasHdf5 is not null) yield return KerasHdf5;
            if (Onnx is not null) yield return Onnx;
            if (PytorchStateDict is not null) yield return PytorchStateDict;
            if (TensorflowJs is not null) yield return TensorflowJs;
            if (TensorflowSavedModelBundle is not null) yield return TensorflowSavedModelBundle;
            if (Torchscript is not null) yield return Torchscript;
        }
    }
}
