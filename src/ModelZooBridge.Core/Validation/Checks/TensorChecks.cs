using System.Text.RegularExpressions;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>Tensor ids, axes, sizes, size references, halos and per-channel data descriptions.</summary>
internal static partial class TensorChecks
{
    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();

    public static void Run(ValidationContext ctx, List<TensorView> tensors)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (seen.TryGetValue(t.Id, out var first))
                ctx.Add("tensors.duplicate-id", $"tensor id '{t.Id}' of {t.Path} is already used by {first}: ids must be unique across inputs and outputs", t.Path + ".id");
            else seen[t.Id] = t.Path;
            if (t.Id.Length > 32 || !Identifier().IsMatch(t.Id))
                ctx.Add("tensors.invalid-id", $"tensor id '{t.Id}' of {t.Path} is not a lower-case identifier of at most 32 characters", t.Path + ".id");
            Axes(ctx, t);
            Data(ctx, t);
        }
        foreach (var t in tensors)
            for (var k = 0; k < t.Axes.Count; k++)
                Sizes(ctx, tensors, t, k);
    }

    private static void Axes(ValidationContext ctx, TensorView t)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < t.Axes.Count; k++)
        {
            var axis = t.Axes[k];
            var path = $"{t.Path}.axes[{k}]";
            var id = axis.Id.Value;
            if (!ids.Add(id))
                ctx.Add("axes.duplicate-id", $"axis id '{id}' appears twice in {t.Kind} '{t.Id}'", path + ".id");
            if (id.Length > 16 || !Identifier().IsMatch(id))
                ctx.Add("axes.invalid-id", $"axis id '{id}' of {t.Kind} '{t.Id}' is not a lower-case identifier of at most 16 characters", path + ".id");
            if (AxisFacts.Size(axis) is DataDependentSize { Max: { } max } dd && dd.Min >= max)
                ctx.Add("size.data-dependent-range", $"data-dependent size of axis '{id}' of {t.Kind} '{t.Id}' has min {dd.Min} ≥ max {max}", path + ".size");
        }
    }

    private static void Data(ValidationContext ctx, TensorView t)
    {
        if (t.Data.Count <= 1) return;
        var channels = t.Axes.OfType<ChannelAxis>().FirstOrDefault();
        if (channels is null || channels.ChannelNames.Count != t.Data.Count)
            ctx.Add("data.channel-count", $"{t.Kind} '{t.Id}' lists {t.Data.Count} data descriptions but has {(channels is null ? "no channel axis" : $"{channels.ChannelNames.Count} channels")}", t.Path + ".data");
        var types = t.Data.Select(d => d.Type).Distinct().ToList();
        if (types.Count > 1)
            ctx.Add("data.mixed-types", $"the per-channel data descriptions of {t.Kind} '{t.Id}' mix the types {string.Join(", ", types)}", t.Path + ".data");
    }

    private static void Sizes(ValidationContext ctx, List<TensorView> tensors, TensorView t, int k)
    {
        var axis = t.Axes[k];
        var path = $"{t.Path}.axes[{k}].size";
        if (AxisFacts.Size(axis) is not SizeReference r) return;
        var name = $"axis '{axis.Id.Value}' of {t.Kind} '{t.Id}'";
        if (r.TensorId == t.Id)
        {
            ctx.Add("size.reference-self", $"{name} refers to its own tensor ('{r.TensorId}.{r.AxisId.Value}')", path);
            return;
        }
        var target = tensors.FirstOrDefault(x => x.Id == r.TensorId);
        if (target is null)
        {
            ctx.Add("size.reference-unresolved", $"{name} refers to tensor '{r.TensorId}', which does not exist", path + ".tensor_id");
            return;
        }
        var ti = target.AxisIndex(r.AxisId.Value);
        if (ti < 0)
        {
            ctx.Add("size.reference-unresolved", $"{name} refers to axis '{r.AxisId.Value}', which tensor '{r.TensorId}' does not have (its axes: {string.Join(", ", target.Axes.Select(a => a.Id.Value))})", path + ".axis_id");
            return;
        }
        var targetAxis = target.Axes[ti];
        var targetSize = AxisFacts.Size(targetAxis);
        if (t.IsInput && !target.IsInput)
            ctx.Add("size.reference-invalid-target", $"{name} refers to output '{target.Id}': inputs may only reference inputs", path);
        else if (targetAxis is BatchAxis)
            ctx.Add("size.reference-invalid-target", $"{name} refers to the batch axis of '{target.Id}', which may not be referenced", path);
        else if ((targetAxis is ChannelAxis) != (axis is ChannelAxis))
            ctx.Add("size.reference-invalid-target", $"{name} ({axis.Type}) refers to '{target.Id}.{targetAxis.Id.Value}' ({targetAxis.Type}): a channel axis may only reference a channel axis", path);
        else if (targetSize is SizeReference)
        {
            if (LeadsBackTo(tensors, target, targetAxis, t.Id, axis.Id.Value))
                ctx.Add("size.reference-cycle", $"{name} is part of a cycle of size references through '{target.Id}.{targetAxis.Id.Value}'", path);
            else
                ctx.Add("size.reference-invalid-target", $"{name} refers to '{target.Id}.{targetAxis.Id.Value}', whose size is itself a reference: reference an axis with a fixed or {{min, step}} size", path);
        }
        else if (targetSize is DataDependentSize)
            ctx.Add("size.reference-invalid-target", $"{name} refers to '{target.Id}.{targetAxis.Id.Value}', whose size is data-dependent", path);
        if (AxisFacts.Unit(axis) != AxisFacts.Unit(targetAxis))
            ctx.Add("size.unit-mismatch", $"{name} has unit '{AxisFacts.Unit(axis) ?? "none"}' but the referenced '{target.Id}.{targetAxis.Id.Value}' has '{AxisFacts.Unit(targetAxis) ?? "none"}'", path);
        Halo(ctx, t, axis, k, r, targetAxis, targetSize);
    }

    private static bool LeadsBackTo(List<TensorView> tensors, TensorView start, AxisDescr startAxis, string tensorId, string axisId)
    {
        var visited = new HashSet<(string, string)>();
        var (tensor, axis) = (start, startAxis);
        while (AxisFacts.Size(axis) is SizeReference r && visited.Add((tensor.Id, axis.Id.Value)))
        {
            if (r.TensorId == tensorId && r.AxisId.Value == axisId) return true;
            var next = tensors.FirstOrDefault(x => x.Id == r.TensorId);
            var index = next?.AxisIndex(r.AxisId.Value) ?? -1;
            if (next is null || index < 0) return false;
            (tensor, axis) = (next, next.Axes[index]);
        }
        return false;
    }

    private static void Halo(ValidationContext ctx, TensorView t, AxisDescr axis, int k, SizeReference r, AxisDescr targetAxis, AxisSize? targetSize)
    {
        var halo = AxisFacts.Halo(axis);
        if (halo <= 0) return;
        var path = $"{t.Path}.axes[{k}].halo";
        var name = $"axis '{axis.Id.Value}' of {t.Kind} '{t.Id}'";
        long? minimum = targetSize switch
        {
            FixedSize f => f.Value,
            ParameterizedSize p => p.Min,
            _ => null,
        };
        if (minimum is { } min)
        {
            var size = AxisFacts.Referenced(min, AxisFacts.Scale(targetAxis), AxisFacts.Scale(axis), r.Offset);
            if (size - 2L * halo < 1)
                ctx.Add("halo.too-large", $"{name} with minimum size {size} is too small for halo {halo}: {size} - 2·{halo} < 1", path);
        }
        var inputHalo = halo * AxisFacts.Scale(axis) / AxisFacts.Scale(targetAxis);
        if (Math.Abs(inputHalo - Math.Round(inputHalo)) > 1e-9)
            ctx.Add("halo.not-integral", $"halo {halo} of {name} maps to {inputHalo:G6} pixels of '{r.TensorId}.{r.AxisId.Value}' (halo · {AxisFacts.Scale(axis):G6} / {AxisFacts.Scale(targetAxis):G6}), not a whole number", path);
    }
}
