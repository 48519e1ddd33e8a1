using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>Pre- and postprocessing steps: axes, bounds, percentiles, reference tensors, dtypes and per-axis value counts.</summary>
internal static class ProcessingChecks
{
    private static readonly HashSet<string> Dtypes = [.. TensorDataDescr.NumericTypes, "bool"];

    public static void Run(ValidationContext ctx, List<TensorView> tensors)
    {
        foreach (var t in tensors)
            for (var i = 0; i < t.Processing.Count; i++)
                Step(ctx, tensors, t, t.Processing[i], $"{t.Path}.{t.ProcessingKey}[{i}]");
    }

    private static void Step(ValidationContext ctx, List<TensorView> tensors, TensorView t, ProcessingDescr step, string path)
    {
        var what = $"{step.Id} in the {t.ProcessingKey} of {t.Kind} '{t.Id}'";
        var kwargs = path + ".kwargs";
        switch (step)
        {
            case ClipDescr c:
                Axes(ctx, t, c.Axes, what, kwargs + ".axes");
                if (c.Min is null && c.Max is null && c.MinPercentile is null && c.MaxPercentile is null)
                    ctx.Add("processing.clip-bounds", $"{what} has no bound: give min/max or min_percentile/max_percentile", kwargs);
                if (c.Min is not null && c.MinPercentile is not null)
                    ctx.Add("processing.clip-bounds", $"{what} gives both min and min_percentile", kwargs);
                if (c.Max is not null && c.MaxPercentile is not null)
                    ctx.Add("processing.clip-bounds", $"{what} gives both max and max_percentile", kwargs);
                if (c.Min is { } lo && c.Max is { } hi && lo >= hi)
                    ctx.Add("processing.clip-bounds", $"{what} has min {lo:G6} ≥ max {hi:G6}", kwargs + ".min");
                Percentiles(ctx, c.MinPercentile, c.MaxPercentile, what, kwargs);
                break;
            case ScaleRangeDescr s:
                Axes(ctx, t, s.Axes, what, kwargs + ".axes");
                Percentiles(ctx, s.MinPercentile, s.MaxPercentile, what, kwargs);
                if (s.ReferenceTensor is { } rt) Reference(ctx, tensors, t, rt, what, kwargs + ".reference_tensor");
                break;
            case ScaleMeanVarianceDescr m:
                Axes(ctx, t, m.Axes, what, kwargs + ".axes");
                Reference(ctx, tensors, t, m.ReferenceTensor, what, kwargs + ".reference_tensor");
                break;
            case ZeroMeanUnitVarianceDescr z:
                Axes(ctx, t, z.Axes, what, kwargs + ".axes");
                break;
            case SoftmaxDescr sm:
                Axes(ctx, t, EquatableArray.Create(sm.Axis), what, kwargs + ".axis");
                break;
            case EnsureDtypeDescr e:
                if (!Dtypes.Contains(e.Dtype))
                    ctx.Add("field.invalid-value", $"{what} names the unknown dtype '{e.Dtype}'", kwargs + ".dtype");
                break;
            case BinarizeDescr b:
                PerAxis(ctx, t, b.Axis, [("threshold", b.Threshold.Count)], what, kwargs);
                break;
            case ScaleLinearDescr l:
                PerAxis(ctx, t, l.Axis, [("gain", l.Gain.Count), ("offset", l.Offset.Count)], what, kwargs);
                if (l.Gain.All(g => g == 1) && l.Offset.All(o => o == 0))
                    ctx.Add("processing.identity", $"{what} has gain 1 and offset 0 and does nothing", kwargs);
                break;
            case FixedZeroMeanUnitVarianceDescr f:
                PerAxis(ctx, t, f.Axis, [("mean", f.Mean.Count), ("std", f.Std.Count)], what, kwargs);
                break;
        }
    }

    private static void Axes(ValidationContext ctx, TensorView t, EquatableArray<AxisId>? axes, string what, string path)
    {
        if (axes is not { } list) return;
        foreach (var a in list)
            if (a.Value != "batch" && t.AxisIndex(a.Value) < 0)
                ctx.Add("processing.unknown-axis", $"{what} uses axis '{a.Value}', which is not an axis of '{t.Id}' ({string.Join(", ", t.Axes.Select(x => x.Id.Value))})", path);
    }

    private static void Percentiles(ValidationContext ctx, double? min, double? max, string what, string path)
    {
        if (min is { } lo && (lo < 0 || lo >= 100))
            ctx.Add("processing.percentile-range", $"{what} has min_percentile {lo:G6} outside [0, 100)", path + ".min_percentile");
        if (max is { } hi && (hi <= 0 || hi > 100))
            ctx.Add("processing.percentile-range", $"{what} has max_percentile {hi:G6} outside (0, 100]", path + ".max_percentile");
        if (min is { } a && max is { } b && a >= b)
            ctx.Add("processing.percentile-range", $"{what} has min_percentile {a:G6} ≥ max_percentile {b:G6}", path);
    }

    private static void Reference(ValidationContext ctx, List<TensorView> tensors, TensorView t, string id, string what, string path)
    {
        var target = tensors.FirstOrDefault(x => x.Id == id);
        if (target is null)
            ctx.Add("processing.reference-tensor", $"{what} names reference_tensor '{id}', which does not exist", path);
        else if (t.IsInput && !target.IsInput)
            ctx.Add("processing.reference-tensor", $"{what} names reference_tensor '{id}', an output: preprocessing may only reference inputs", path);
    }

    private static void PerAxis(ValidationContext ctx, TensorView t, AxisId? axisId, (string Name, int Count)[] lists, string what, string path)
    {
        if (axisId is not { } a) return;
        var index = t.AxisIndex(a.Value);
        if (index < 0)
        {
            ctx.Add("processing.unknown-axis", $"{what} uses axis '{a.Value}', which is not an axis of '{t.Id}' ({string.Join(", ", t.Axes.Select(x => x.Id.Value))})", path + ".axis");
            return;
        }
        var lengths = lists.Where(l => l.Count > 1).Select(l => l.Count).Distinct().ToList();
        if (lengths.Count > 1)
            ctx.Add("processing.per-axis-count", $"{what} has lists of different lengths: {string.Join(", ", lists.Select(l => $"{l.Name} {l.Count}"))}", path);
        if (AxisFacts.Size(t.Axes[index]) is FixedSize { Value: var size })
            foreach (var (name, count) in lists)
                if (count != 1 && count != size)
                    ctx.Add("processing.per-axis-count", $"{what} gives {count} {name} values along axis '{a.Value}' of size {size}", $"{path}.{name}");
    }
}
