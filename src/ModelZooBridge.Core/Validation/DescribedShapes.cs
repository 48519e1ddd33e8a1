using ModelZooBridge.Spec;
using ModelZooBridge.Validation.Checks;

namespace ModelZooBridge.Validation;

/// <summary>
/// The tensor shapes a description implies (spec 0.5 axis sizes): input shapes for chosen parameters
/// (<c>min + n·step</c>), and for those the output sizes, through size references with scale and offset
/// (<c>floor(ref · ref.scale / scale) + offset</c>). Pure; used by the dynamic validation at other sizes.
/// </summary>
public static class DescribedShapes
{
    /// <summary>The shape of every input when each parameterized axis takes the size <paramref name="choose"/> gives.</summary>
    /// <param name="model">The description.</param>
    /// <param name="batchSize">The size of free batch axes.</param>
    /// <param name="choose">The size of a parameterized axis: (tensor id, axis index, its size) → a size <c>min + n·step</c>.</param>
    /// <exception cref="NotSupportedException">When an input size cannot be resolved (a reference to an output, a cycle).</exception>
    public static Dictionary<string, int[]> Inputs(ModelDescr model, int batchSize, Func<string, int, ParameterizedSize, int> choose)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(choose);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var sizes = Resolve(model, model.Inputs.Select(t => (t.Id, t.Axes)).ToList(), [], batchSize,
            (id, k, size) => size is ParameterizedSize p ? AxisSizeRange.Exact(choose(id, k, p)) : null);
        return sizes.ToDictionary(p => p.Key, p => p.Value.Select(r => r.Min).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Per output, per axis, the sizes the description allows for <paramref name="inputShapes"/>.</summary>
    /// <param name="model">The description.</param>
    /// <param name="inputShapes">The shape of every input.</param>
    /// <param name="batchSize">The size of free batch axes.</param>
    /// <exception cref="NotSupportedException">When an output size cannot be resolved.</exception>
    public static Dictionary<string, AxisSizeRange[]> Outputs(ModelDescr model, IReadOnlyDictionary<string, int[]> inputShapes, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShapes);
        var known = inputShapes.ToDictionary(p => p.Key, p => p.Value.Select(AxisSizeRange.Exact).ToArray(), StringComparer.Ordinal);
        var sizes = Resolve(model, model.Outputs.Select(t => (t.Id, t.Axes)).ToList(), known, batchSize, (_, _, size) => size switch
        {
            DataDependentSize d => new AxisSizeRange(d.Min, d.Max),
            ParameterizedSize p => new AxisSizeRange(p.Min, null),
            _ => null,
        });
        return model.Outputs.ToDictionary(t => t.Id, t => sizes[t.Id], StringComparer.Ordinal);
    }

    /// <summary>Resolves the axes of <paramref name="tensors"/>, passing over references until every one is known.</summary>
    private static Dictionary<string, AxisSizeRange[]> Resolve(ModelDescr model, List<(string Id, EquatableArray<AxisDescr> Axes)> tensors,
        Dictionary<string, AxisSizeRange[]> known, int batchSize, Func<string, int, AxisSize?, AxisSizeRange?> other)
    {
        var all = model.Inputs.Select(t => (t.Id, t.Axes)).Concat(model.Outputs.Select(t => (t.Id, t.Axes))).ToDictionary(t => t.Id, t => t.Axes, StringComparer.Ordinal);
        var result = new Dictionary<string, AxisSizeRange?[]>(StringComparer.Ordinal);
        foreach (var (id, axes) in tensors) result[id] = new AxisSizeRange?[axes.Count];
        for (int missing = int.MaxValue; ;)
        {
            int left = 0;
            foreach (var (id, axes) in tensors)
            {
                for (int k = 0; k < axes.Count; k++)
                {
                    result[id][k] ??= axes[k] switch
                    {
                        BatchAxis b => AxisSizeRange.Exact(b.Size ?? batchSize),
                        _ => AxisFacts.Size(axes[k]) switch
                        {
                            FixedSize f => AxisSizeRange.Exact(f.Value),
                            SizeReference r => Referenced(r, axes[k], all, known, result),
                            var size => other(id, k, size),
                        },
                    };
                    if (result[id][k] is null) left++;
                }
            }
            if (left == 0) return result.ToDictionary(p => p.Key, p => p.Value.Select(r => r!.Value).ToArray(), StringComparer.Ordinal);
            if (left >= missing)
                throw new NotSupportedException($"{left} axis size(s) of {string.Join(", ", tensors.Where(t => result[t.Id].Any(r => r is null)).Select(t => $"'{t.Id}'"))} cannot be resolved");
            missing = left;
        }
    }

    private static AxisSizeRange? Referenced(SizeReference reference, AxisDescr axis, Dictionary<string, EquatableArray<AxisDescr>> all,
        Dictionary<string, AxisSizeRange[]> known, Dictionary<string, AxisSizeRange?[]> resolving)
    {
        if (!all.TryGetValue(reference.TensorId, out var targetAxes)) return null;
        int index = targetAxes.Items.ToList().FindIndex(a => a.Id == reference.AxisId);
        if (index < 0) return null;
        AxisSizeRange? target = known.TryGetValue(reference.TensorId, out var k) ? k[index]
            : resolving.TryGetValue(reference.TensorId, out var r) ? r[index] : null;
        if (target is not { } t || t.Max != t.Min) return null;
        return AxisSizeRange.Exact(checked((int)AxisFacts.Referenced(t.Min, AxisFacts.Scale(targetAxes[index]), AxisFacts.Scale(axis), reference.Offset)));
    }
}
