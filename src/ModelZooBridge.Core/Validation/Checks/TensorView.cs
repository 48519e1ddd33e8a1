using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>An input or output tensor seen uniformly, with its field path in the description.</summary>
internal sealed record TensorView(
    string Id, bool IsInput, string Path, EquatableArray<AxisDescr> Axes, EquatableArray<TensorDataDescr> Data,
    FileDescr? TestTensor, FileDescr? SampleTensor, EquatableArray<ProcessingDescr> Processing)
{
    public string ProcessingKey => IsInput ? "preprocessing" : "postprocessing";

    public string Kind => IsInput ? "input" : "output";

    public static List<TensorView> All(ModelDescr d)
    {
        var list = new List<TensorView>();
        for (var i = 0; i < d.Inputs.Count; i++)
        {
            var t = d.Inputs[i];
            list.Add(new TensorView(t.Id, true, $"inputs[{i}]", t.Axes, t.Data, t.TestTensor, t.SampleTensor, t.Preprocessing));
        }
        for (var i = 0; i < d.Outputs.Count; i++)
        {
            var t = d.Outputs[i];
            list.Add(new TensorView(t.Id, false, $"outputs[{i}]", t.Axes, t.Data, t.TestTensor, t.SampleTensor, t.Postprocessing));
        }
        return list;
    }

    public int AxisIndex(string axisId)
    {
        for (var i = 0; i < Axes.Count; i++)
            if (Axes[i].Id.Value == axisId) return i;
        return -1;
    }
}

/// <summary>Facts about one axis, whatever its record type.</summary>
internal static class AxisFacts
{
    /// <summary>The size of an axis: null only for a batch axis of any size.</summary>
    public static AxisSize? Size(AxisDescr axis) => axis switch
    {
        BatchAxis b => b.Size is { } s ? new FixedSize(s) : null,
        ChannelAxis c => new FixedSize(c.ChannelNames.Count),
        IndexInputAxis a => a.Size,
        IndexOutputAxis a => a.Size,
        SpaceInputAxis a => a.Size,
        SpaceOutputAxis a => a.Size,
        SpaceOutputAxisWithHalo a => a.Size,
        TimeInputAxis a => a.Size,
        TimeOutputAxis a => a.Size,
        TimeOutputAxisWithHalo a => a.Size,
        _ => null,
    };

    public static double Scale(AxisDescr axis) => axis switch
    {
        SpaceInputAxis a => a.Scale,
        SpaceOutputAxis a => a.Scale,
        SpaceOutputAxisWithHalo a => a.Scale,
        TimeInputAxis a => a.Scale,
        TimeOutputAxis a => a.Scale,
        TimeOutputAxisWithHalo a => a.Scale,
        _ => 1.0,
    };

    public static string? Unit(AxisDescr axis) => axis switch
    {
        SpaceInputAxis a => a.Unit,
        SpaceOutputAxis a => a.Unit,
        SpaceOutputAxisWithHalo a => a.Unit,
        TimeInputAxis a => a.Unit,
        TimeOutputAxis a => a.Unit,
        TimeOutputAxisWithHalo a => a.Unit,
        _ => null,
    };

    public static int Halo(AxisDescr axis) => axis switch
    {
        SpaceOutputAxisWithHalo a => a.Halo,
        TimeOutputAxisWithHalo a => a.Halo,
        _ => 0,
    };

    public static string Describe(AxisSize? size) => size switch
    {
        null => "any size",
        FixedSize f => f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ParameterizedSize p => $"min + n*step = {p.Min} + n*{p.Step}",
        SizeReference r => $"a reference to {r.TensorId}.{r.AxisId.Value}" + (r.Offset != 0 ? $" with offset {r.Offset}" : ""),
        DataDependentSize d => $"data-dependent in [{d.Min}, {(d.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unbounded")}]",
        _ => "unknown",
    };

    /// <summary>The size of a referencing axis for a referenced size: <c>floor(ref · ref.scale / scale) + offset</c>, computed without overflow.</summary>
    public static long Referenced(long referencedSize, double referencedScale, double scale, int offset) =>
        (long)Math.Floor(referencedSize * referencedScale / scale + 1e-9) + offset;
}
