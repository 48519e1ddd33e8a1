using ModelZooBridge.Arrays;
using YamlDotNet.RepresentationModel;
using static ModelZooBridge.Spec.Writing.YamlNodes;

namespace ModelZooBridge.Spec.Writing;

/// <summary>YAML nodes for 0.5 tensors, axes, sizes, data descriptions and processing entries.</summary>
internal static class TensorNodes
{
    public static YamlNode Input(InputTensorDescr t) => Map(
        ("id", Str(t.Id)),
        ("description", t.Description.Length > 0 ? Str(t.Description) : null),
        ("axes", Seq(t.Axes.Select(Axis))),
        ("data", Data(t.Data)),
        ("test_tensor", t.TestTensor is { } tt ? ModelDescrWriter.FileNode(tt) : null),
        ("sample_tensor", t.SampleTensor is { } st ? ModelDescrWriter.FileNode(st) : null),
        ("preprocessing", SeqOrNull(t.Preprocessing, Processing)),
        ("optional", t.Optional ? Bool(true) : null));

    public static YamlNode Output(OutputTensorDescr t) => Map(
        ("id", Str(t.Id)),
        ("description", t.Description.Length > 0 ? Str(t.Description) : null),
        ("axes", Seq(t.Axes.Select(Axis))),
        ("data", Data(t.Data)),
        ("test_tensor", t.TestTensor is { } tt ? ModelDescrWriter.FileNode(tt) : null),
        ("sample_tensor", t.SampleTensor is { } st ? ModelDescrWriter.FileNode(st) : null),
        ("postprocessing", SeqOrNull(t.Postprocessing, Processing)));

    private static YamlNode Id(AxisId id) => Str(id.Value ?? "");

    private static YamlNode? Scale(double scale) => scale == 1.0 ? null : Num(scale);

    private static YamlNode Axis(AxisDescr a)
    {
        var common = new List<(string, YamlNode?)>
        {
            ("type", Str(a.Type)),
            ("id", a is BatchAxis ? null : Id(a.Id)),
            ("description", a.Description.Length > 0 ? Str(a.Description) : null),
        };
        common.AddRange(a switch
        {
            BatchAxis b => [("size", b.Size is { } s ? Int(s) : null)],
            ChannelAxis c => [("channel_names", Seq(c.ChannelNames.Select(n => (YamlNode)Str(n))))],
            IndexInputAxis i => [("size", Size(i.Size)), ("concatenable", i.Concatenable ? Bool(true) : null)],
            IndexOutputAxis i => [("size", Size(i.Size))],
            TimeInputAxis t => [("size", Size(t.Size)), ("unit", OptStr(t.Unit)), ("scale", Scale(t.Scale)), ("concatenable", t.Concatenable ? Bool(true) : null)],
            SpaceInputAxis s => [("size", Size(s.Size)), ("unit", OptStr(s.Unit)), ("scale", Scale(s.Scale)), ("concatenable", s.Concatenable ? Bool(true) : null)],
            TimeOutputAxis t => [("size", Size(t.Size)), ("unit", OptStr(t.Unit)), ("scale", Scale(t.Scale))],
            SpaceOutputAxis s => [("size", Size(s.Size)), ("unit", OptStr(s.Unit)), ("scale", Scale(s.Scale))],
            TimeOutputAxisWithHalo t => [("size", Size(t.Size)), ("halo", Int(t.Halo)), ("unit", OptStr(t.Unit)), ("scale", Scale(t.Scale))],
            SpaceOutputAxisWithHalo s => [("size", Size(s.Size)), ("halo", Int(s.Halo)), ("unit", OptStr(s.Unit)), ("scale", Scale(s.Scale))],
            _ => throw new ArgumentOutOfRangeException(nameof(a), a.GetType().Name, "unknown axis kind"),
        });
        return Map([.. common]);
    }

    private static YamlNode Size(AxisSize size) => size switch
    {
        FixedSize f => Int(f.Value),
        ParameterizedSize p => Map(("min", Int(p.Min)), ("step", Int(p.Step))),
        SizeReference r => Map(("tensor_id", Str(r.TensorId)), ("axis_id", Id(r.AxisId)), ("offset", r.Offset != 0 ? Int(r.Offset) : null)),
        DataDependentSize d => Map(("min", Int(d.Min)), ("max", d.Max is { } m ? Int(m) : null)),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size.GetType().Name, "unknown size kind"),
    };

    private static YamlNode Data(EquatableArray<TensorDataDescr> data) =>
        data.Count == 1 ? DataOne(data[0]) : Seq(data.Select(DataOne));

    private static YamlNode DataOne(TensorDataDescr d) => d switch
    {
        IntervalOrRatioDataDescr n => Map(
            ("type", Str(n.Type)),
            ("range", n.RangeMin is null && n.RangeMax is null ? null
                : Seq([n.RangeMin is { } lo ? Num(lo) : Null(), n.RangeMax is { } hi ? Num(hi) : Null()])),
            ("unit", n.Unit == IntervalOrRatioDataDescr.ArbitraryUnit ? null : OptStr(n.Unit)),
            ("scale", n.Scale == 1.0 ? null : Num(n.Scale)),
            ("offset", OptNum(n.Offset))),
        NominalOrOrdinalDataDescr v => Map(("values", Seq(v.Values.Select(Value))), ("type", Str(v.Type)), ("unit", OptStr(v.Unit))),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d.GetType().Name, "unknown data kind"),
    };

    private static YamlNode? Axes(EquatableArray<AxisId>? axes) => axes is { } a ? Seq(a.Select(Id)) : null;

    /// <summary>A scalar when there is one value and no axis, else a list.</summary>
    private static YamlNode Values(EquatableArray<double> values, AxisId? axis) =>
        axis is null && values.Count == 1 ? Num(values[0]) : Seq(values.Select(v => (YamlNode)Num(v)));

    private static YamlNode Processing(ProcessingDescr p)
    {
        YamlMappingNode? kwargs = p switch
        {
            BinarizeDescr b => Map(("threshold", Values(b.Threshold, b.Axis)), ("axis", b.Axis is { } ax ? Id(ax) : null)),
            ClipDescr c => Map(("min", OptNum(c.Min)), ("max", OptNum(c.Max)), ("min_percentile", OptNum(c.MinPercentile)),
                ("max_percentile", OptNum(c.MaxPercentile)), ("axes", Axes(c.Axes))),
            EnsureDtypeDescr e => Map(("dtype", Str(e.Dtype))),
            FixedZeroMeanUnitVarianceDescr f => Map(("mean", Values(f.Mean, f.Axis)), ("std", Values(f.Std, f.Axis)),
                ("axis", f.Axis is { } ax ? Id(ax) : null), ("eps", f.Eps == 1e-6 ? null : Num(f.Eps))),
            ScaleLinearDescr s => Map(("gain", Values(s.Gain, s.Axis)), ("offset", Values(s.Offset, s.Axis)), ("axis", s.Axis is { } ax ? Id(ax) : null)),
            ScaleMeanVarianceDescr s => Map(("reference_tensor", Str(s.ReferenceTensor)), ("axes", Axes(s.Axes)), ("eps", s.Eps == 1e-6 ? null : Num(s.Eps))),
            ScaleRangeDescr s => Map(("axes", Axes(s.Axes)), ("min_percentile", s.MinPercentile == 0 ? null : Num(s.MinPercentile)),
                ("max_percentile", s.MaxPercentile == 100 ? null : Num(s.MaxPercentile)), ("eps", s.Eps == 1e-6 ? null : Num(s.Eps)),
                ("reference_tensor", OptStr(s.ReferenceTensor))),
            SoftmaxDescr s => Map(("axis", Id(s.Axis))),
            ZeroMeanUnitVarianceDescr z => Map(("axes", Axes(z.Axes)), ("eps", z.Eps == 1e-6 ? null : Num(z.Eps))),
            _ => null,
        };
        return Map(("id", Str(p.Id)), ("kwargs", kwargs is null || kwargs.Children.Count == 0 ? null : kwargs));
    }
}
