using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// The ordered pre- or postprocessing ops of one tensor. Preprocessing runs on the whole sample before tiling and
/// postprocessing on the merged output (spec §12), so statistics never depend on the tiling. Each op's measures are
/// computed, once each, on the sample as it is when the op runs (earlier ops already applied to this tensor).
/// </summary>
public sealed class ProcessingPipeline
{
    private ProcessingPipeline(string tensorId, IReadOnlyList<ProcessingOp> ops)
    {
        TensorId = tensorId;
        Ops = ops;
    }

    /// <summary>The tensor the pipeline transforms.</summary>
    public string TensorId { get; }

    /// <summary>The ops in the order they run.</summary>
    public IReadOnlyList<ProcessingOp> Ops { get; }

    /// <summary>Every measure some op needs.</summary>
    public IReadOnlySet<Measure> RequiredMeasures => Ops.SelectMany(op => op.RequiredMeasures).ToHashSet();

    /// <summary>The preprocessing of an input tensor.</summary>
    /// <param name="tensor">The input description.</param>
    /// <param name="addImplicitCasts">
    /// Add the casts bioimage.io 0.5 implies (spec §7): an <c>ensure_dtype</c> to the described input type first unless
    /// the list starts with one, and an <c>ensure_dtype: float32</c> last unless it ends with <c>ensure_dtype</c> or
    /// <c>binarize</c>. The first cast is what core does; it truncates data that is not of the described type.
    /// </param>
    public static ProcessingPipeline FromDescr(InputTensorDescr tensor, bool addImplicitCasts = true)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var list = tensor.Preprocessing.Items.ToList();
        if (addImplicitCasts)
        {
            if (list.Count == 0 || list[0] is not EnsureDtypeDescr) list.Insert(0, new EnsureDtypeDescr(DataType(tensor.Data)));
            if (list[^1] is not (EnsureDtypeDescr or BinarizeDescr)) list.Add(new EnsureDtypeDescr("float32"));
        }
        return new ProcessingPipeline(tensor.Id, list.Select(p => ProcessingOp.FromDescr(p, tensor.Id)).ToArray());
    }

    /// <summary>The postprocessing of an output tensor.</summary>
    /// <param name="tensor">The output description.</param>
    /// <param name="addImplicitCasts">
    /// Append an <c>ensure_dtype</c> to the described output type unless the list ends with <c>ensure_dtype</c> or
    /// <c>binarize</c> (spec §7).
    /// </param>
    public static ProcessingPipeline FromDescr(OutputTensorDescr tensor, bool addImplicitCasts = true)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var list = tensor.Postprocessing.Items.ToList();
        if (addImplicitCasts && (list.Count == 0 || list[^1] is not (EnsureDtypeDescr or BinarizeDescr)))
            list.Add(new EnsureDtypeDescr(DataType(tensor.Data)));
        return new ProcessingPipeline(tensor.Id, list.Select(p => ProcessingOp.FromDescr(p, tensor.Id)).ToArray());
    }

    private static string DataType(EquatableArray<TensorDataDescr> data) => data.IsEmpty ? "float32" : data[0].Type;

    /// <summary>Runs the ops on <c>sample[TensorId]</c> and returns the result; <paramref name="sample"/> is not modified.</summary>
    /// <param name="sample">The sample's tensors by id (reference tensors of ops are looked up here).</param>
    public NdArray Apply(IReadOnlyDictionary<string, NdArray> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!sample.TryGetValue(TensorId, out var x))
            throw new KeyNotFoundException($"the sample has no tensor '{TensorId}' ({string.Join(", ", sample.Keys)})");
        var current = new Dictionary<string, NdArray>(sample);
        foreach (var op in Ops)
        {
            var stats = op.RequiredMeasures.Count == 0 ? Stats.Empty : StatsCalculator.Compute(op.RequiredMeasures, current);
            x = op.Apply(x, stats);
            current[TensorId] = x;
        }
        return x;
    }

    /// <summary>
    /// Runs the ops on <paramref name="x"/> with statistics computed beforehand (one <see cref="Stats"/> per op, in
    /// <see cref="Ops"/> order), e.g. on one slab of a tensor too large for memory whose statistics were streamed.
    /// </summary>
    public NdArray Apply(NdArray x, IReadOnlyList<Stats> opStats)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(opStats);
        if (opStats.Count != Ops.Count) throw new ArgumentException($"{opStats.Count} stats for {Ops.Count} ops", nameof(opStats));
        for (int i = 0; i < Ops.Count; i++) x = Ops[i].Apply(x, opStats[i]);
        return x;
    }
}
