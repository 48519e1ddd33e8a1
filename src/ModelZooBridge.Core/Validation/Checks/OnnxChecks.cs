using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>
/// ONNX weights against the description: parseable, default-domain opset vs <c>opset_version</c>, graph inputs/outputs
/// (positional) vs tensors: count, rank, input element type, static dimensions vs fixed and variable sizes.
/// </summary>
internal static class OnnxChecks
{
    public static void Run(ValidationContext ctx, List<TensorView> tensors, HashSet<string> present, IProgress<string>? progress)
    {
        if (ctx.Description.Weights.Onnx is not { } onnx || !present.Contains(onnx.Source)) return;
        progress?.Report($"reading ONNX weights {onnx.Source}");
        OnnxModelInfo info;
        try
        {
            using var stream = ctx.Package.OpenFile(onnx.Source);
            info = OnnxModelInfo.Read(stream, onnx.Source);
        }
        catch (OnnxFormatException e)
        {
            ctx.Add("onnx.unreadable", $"ONNX weights '{onnx.Source}' cannot be parsed: {e.Message}", "weights.onnx.source");
            return;
        }
        Opset(ctx, onnx, info);
        var inputs = tensors.Where(t => t.IsInput).ToList();
        var outputs = tensors.Where(t => !t.IsInput).ToList();
        if (info.Inputs.Count != inputs.Count)
            ctx.Add("onnx.io-count", $"ONNX weights '{onnx.Source}' have {info.Inputs.Count} graph inputs ({string.Join(", ", info.Inputs.Select(i => i.Name))}) but the description has {inputs.Count} inputs", "inputs");
        if (info.Outputs.Count != outputs.Count)
            ctx.Add("onnx.io-count", $"ONNX weights '{onnx.Source}' have {info.Outputs.Count} graph outputs ({string.Join(", ", info.Outputs.Select(i => i.Name))}) but the description has {outputs.Count} outputs", "outputs");
        for (var i = 0; i < Math.Min(inputs.Count, info.Inputs.Count); i++) Compare(ctx, inputs[i], info.Inputs[i], onnx.Source);
        for (var i = 0; i < Math.Min(outputs.Count, info.Outputs.Count); i++) Compare(ctx, outputs[i], info.Outputs[i], onnx.Source);
    }

    private static void Opset(ValidationContext ctx, OnnxWeightsDescr onnx, OnnxModelInfo info)
    {
        if (info.DefaultOpsetVersion is not { } fileOpset) return;
        // A 0.4 description without opset_version gets the converter's default; there is nothing declared to compare.
        if (ctx.ReaderIssues.Any(i => i.Code == "missing_version" && i.Location.FieldPath.StartsWith("weights.onnx", StringComparison.Ordinal))) return;
        if (fileOpset > onnx.OpsetVersion)
            ctx.Add("onnx.opset-mismatch", $"ONNX weights '{onnx.Source}' import default-domain opset {fileOpset}, but opset_version declares {onnx.OpsetVersion}: a runtime chosen by the declared opset may not run them", "weights.onnx.opset_version");
        else if (fileOpset < onnx.OpsetVersion)
            ctx.Add("onnx.opset-lower", $"ONNX weights '{onnx.Source}' import default-domain opset {fileOpset}, lower than the declared opset_version {onnx.OpsetVersion}", "weights.onnx.opset_version");
    }

    private static void Compare(ValidationContext ctx, TensorView t, OnnxTensorInfo graph, string source)
    {
        var what = $"graph {(t.IsInput ? "input" : "output")} '{graph.Name}' of '{source}' ({t.Kind} '{t.Id}')";
        if (graph.ElementType is not { } dtype)
            ctx.Add("onnx.dtype-mismatch", $"{what} has element type {graph.ElementTypeName}, which mzb cannot exchange", t.Path + ".data");
        else if (t.IsInput && NetworkInputType(t) is { } expected && dtype.Name() != expected)
            ctx.Add("onnx.dtype-mismatch", $"{what} expects {dtype.Name()}, but the preprocessing of '{t.Id}' hands the network {expected}", t.Path + ".data");
        if (graph.Dims is not { } dims) return;
        if (dims.Count != t.Axes.Count)
        {
            ctx.Add("onnx.rank-mismatch", $"{what} has rank {dims.Count} ([{string.Join(", ", dims)}]) but '{t.Id}' has {t.Axes.Count} axes ({string.Join(", ", t.Axes.Select(a => a.Id.Value))})", t.Path + ".axes");
            return;
        }
        for (var k = 0; k < dims.Count; k++)
        {
            if (dims[k].Value is not { } fixedDim) continue;
            var axis = t.Axes[k];
            var path = $"{t.Path}.axes[{k}].size";
            var size = AxisFacts.Size(axis);
            if (size is FixedSize f && f.Value != fixedDim)
                ctx.Add("onnx.dim-mismatch", $"{what} has static size {fixedDim} on dimension {k} but axis '{axis.Id.Value}' is described as {f.Value}", path);
            else if (t.IsInput && size is null or ParameterizedSize or SizeReference)
                ctx.Add("onnx.fewer-sizes", $"{what} fixes dimension {k} to {fixedDim} but axis '{axis.Id.Value}' is described as {AxisFacts.Describe(size)}: other sizes will fail at run time", path);
        }
    }

    /// <summary>
    /// The dtype the network receives: the last <c>ensure_dtype</c> of the preprocessing, bool after a final
    /// <c>binarize</c>, otherwise float32 (the official tools append <c>ensure_dtype: float32</c>).
    /// </summary>
    private static string? NetworkInputType(TensorView t) => t.Processing.Count == 0
        ? "float32"
        : t.Processing[^1] switch
        {
            EnsureDtypeDescr e => e.Dtype,
            BinarizeDescr => "bool",
            _ => "float32",
        };
}
