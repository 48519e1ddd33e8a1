using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>Weights entries: parents (present, not self, acyclic), the single root, and whether mzb can run the model.</summary>
internal static class WeightsChecks
{
    public static void Run(ValidationContext ctx)
    {
        var entries = ctx.Description.Weights.Entries.ToDictionary(e => e.Format, StringComparer.Ordinal);
        if (entries.Count == 0)
        {
            ctx.Add("weights.missing", "no weights entry (expected at least one of keras_hdf5, onnx, pytorch_state_dict, tensorflow_js, tensorflow_saved_model_bundle, torchscript)", "weights");
            return;
        }
        foreach (var (format, entry) in entries)
        {
            var path = $"weights.{format}.parent";
            if (entry.Parent is not { } parent) continue;
            if (parent == format)
                ctx.Add("weights.parent-invalid", $"weights entry '{format}' names itself as parent", path);
            else if (!entries.ContainsKey(parent))
                ctx.Add("weights.parent-invalid", $"weights.{format}.parent={parent} is not among the present weight formats ({string.Join(", ", entries.Keys)})", path);
            else if (InCycle(entries, format))
                ctx.Add("weights.parent-invalid", $"the parent chain of weights entry '{format}' is a cycle", path);
        }
        var roots = entries.Values.Where(e => e.Parent is null).Select(e => e.Format).ToList();
        if (roots.Count != 1)
            ctx.Add("weights.parent-count", roots.Count == 0
                ? "every weights entry has a parent: exactly one should be the original (without parent)"
                : $"{roots.Count} weights entries have no parent ({string.Join(", ", roots)}): exactly one should be the original", "weights");
        if (!entries.ContainsKey("onnx"))
            ctx.Add("weights.no-onnx", $"no ONNX weights (present: {string.Join(", ", entries.Keys)}): mzb can validate this description but not run the model", "weights");
    }

    private static bool InCycle(Dictionary<string, WeightsEntryDescr> entries, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = start;
        while (entries.TryGetValue(current, out var e) && e.Parent is { } p && p != current)
        {
            if (!seen.Add(current)) return true;
            if (p == start) return true;
            current = p;
        }
        return false;
    }
}
