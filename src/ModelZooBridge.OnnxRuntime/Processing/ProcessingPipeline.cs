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
    public static ProcessingPipeline FromDescr(InputTensorDescr tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new ProcessingPipeline(tensor.Id, tensor.Preprocessing.Select(p => ProcessingOp.FromDescr(p, tensor.Id)).ToArray());
    }

    /// <summary>The postprocessing of an output tensor.</summary>
    public static ProcessingPipeline FromDescr(OutputTensorDescr tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return new ProcessingPipeline(tensor.Id, tensor.Postprocessing.Select(p => ProcessingOp.FromDescr(p, tensor.Id)).ToArray());
    }

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
}
