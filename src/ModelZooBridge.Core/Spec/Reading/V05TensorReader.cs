using ModelZooBridge.Arrays;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>Reads 0.5 <c>inputs</c>/<c>outputs</c>: axes, sizes, data descriptions, test and sample tensors.</summary>
internal sealed class V05TensorReader(NodeReader r, CommonFieldReader common)
{
    private const string SizeExpectation = "an integer, a {min, step} or a {tensor_id, axis_id} mapping";
    private readonly V05ProcessingReader _processing = new(r);

    public InputTensorDescr? Input(YNode node, string path)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        var id = m.String("id") ?? "input";
        var description = m.String("description") ?? "";
        var axes = Axes(m, input: true);
        var data = Data(m);
        var test = common.File(m.Take("test_tensor"), m.Sub("test_tensor"));
        var sample = common.File(m.Take("sample_tensor"), m.Sub("sample_tensor"));
        var pre = m.List("preprocessing", (n, p) => _processing.Read(n, p, post: false));
        var optional = m.Bool("optional") ?? false;
        m.Finish();
        return new InputTensorDescr(id, axes, data, description, test, sample, pre.ToEquatableArray(), optional);
    }

    public OutputTensorDescr? Output(YNode node, string path)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        var id = m.String("id") ?? "output";
        var description = m.String("description") ?? "";
        var axes = Axes(m, input: false);
        var data = Data(m);
        var test = common.File(m.Take("test_tensor"), m.Sub("test_tensor"));
        var sample = common.File(m.Take("sample_tensor"), m.Sub("sample_tensor"));
        var post = m.List("postprocessing", (n, p) => _processing.Read(n, p, post: true));
        m.Finish();
        return new OutputTensorDescr(id, axes, data, description, test, sample, post.ToEquatableArray());
    }

    private EquatableArray<AxisDescr> Axes(MapReader m, bool input)
    {
        var axes = m.List("axes", (n, p) => Axis(n, p, input), required: true);
        if (m.Node.Get("axes") is YSequence { Items.Count: 0 } empty)
            r.Sink.Error(empty, m.Sub("axes"), "empty_list", "a tensor needs at least one axis");
        common.CheckUniqueAxisIds(axes, m.Node.Get("axes"), m.Sub("axes"));
        return axes.ToEquatableArray();
    }

    /// <summary>Axis ids <c>b t i c</c> are normalised to <c>batch time index channel</c>, as the spec does.</summary>
    public static AxisId? NormaliseAxisId(NodeReader r, string id, YNode? node, string path)
    {
        var value = id switch { "b" => "batch", "t" => "time", "i" => "index", "c" => "channel", _ => id };
        if (value.Length == 0 || value.Any(ch => char.IsWhiteSpace(ch) || ch == ','))
        {
            r.Sink.Error(node, path, "bad_axis_id", $"invalid axis id '{id}'");
            return null;
        }
        return new AxisId(value);
    }

    private AxisDescr? Axis(YNode node, string path, bool input)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        var type = m.String("type", required: true);
        if (type is null) return null;
        var idText = m.String("id");
        var description = m.String("description") ?? "";
        AxisId? Id(string fallback) => idText is null ? new AxisId(fallback) : NormaliseAxisId(r, idText, m.Node.Get("id"), m.Sub("id"));
        AxisDescr? axis;
        switch (type)
        {
            case "batch":
            {
                var size = m.Int("size", 1, 1);
                if (idText is not null && Id("batch") is { } bid && bid.Value != "batch")
                    r.Sink.Error(m.Node.Get("id"), m.Sub("id"), "bad_axis_id", $"a batch axis must have id 'batch', got '{idText}'");
                axis = new BatchAxis(size, description);
                break;
            }
            case "channel":
            {
                var names = m.StringList("channel_names", required: true);
                if (m.Node.Get("channel_names") is YSequence { Items.Count: 0 } e)
                    r.Sink.Error(e, m.Sub("channel_names"), "empty_list", "channel_names needs at least one name");
                axis = Id("channel") is { } cid ? new ChannelAxis(names, cid, description) : null;
                break;
            }
            case "index":
            {
                var size = Size(m, input, allowDataDependent: !input);
                var concatenable = input ? m.Bool("concatenable") ?? false : false;
                var id = Id("index");
                axis = size is null || id is null ? null
                    : input ? new IndexInputAxis(size, id.Value, concatenable, description) : new IndexOutputAxis(size, id.Value, description);
                break;
            }
            case "time" or "space":
                axis = TimeOrSpace(m, type, input, description, Id(type == "time" ? "time" : "x"));
                break;
            default:
                r.Sink.Error(m.Node.Get("type"), m.Sub("type"), "bad_axis_type", $"unknown axis type '{type}' (expected batch, channel, index, time or space)");
                axis = null;
                break;
        }
        m.Finish();
        return axis;
    }

    private AxisDescr? TimeOrSpace(MapReader m, string type, bool input, string description, AxisId? id)
    {
        var size = Size(m, input, allowDataDependent: false);
        var unit = m.String("unit");
        var scale = m.Number("scale", double.Epsilon) ?? 1.0;
        if (input)
        {
            var concatenable = m.Bool("concatenable") ?? false;
            if (size is null || id is null) return null;
            return type == "time"
                ? new TimeInputAxis(size, id.Value, unit, scale, concatenable, description)
                : new SpaceInputAxis(size, id.Value, unit, scale, concatenable, description);
        }
        var halo = m.Int("halo", 0, int.MaxValue) ?? 0;
        if (size is null || id is null) return null;
        if (halo > 0)
        {
            if (size is not SizeReference reference)
            {
                r.Sink.Error(m.Node.Get("halo"), m.Sub("halo"), "halo_without_reference", "a halo is only allowed on an axis whose size is a {tensor_id, axis_id} reference");
                return null;
            }
            return type == "time"
                ? new TimeOutputAxisWithHalo(reference, halo, id.Value, unit, scale, description)
                : new SpaceOutputAxisWithHalo(reference, halo, id.Value, unit, scale, description);
        }
        return type == "time"
            ? new TimeOutputAxis(size, id.Value, unit, scale, description)
            : new SpaceOutputAxis(size, id.Value, unit, scale, description);
    }

    private AxisSize? Size(MapReader m, bool input, bool allowDataDependent)
    {
        var node = m.Take("size");
        var path = m.Sub("size");
        if (node is null)
        {
            m.Missing("size", SizeExpectation);
            return null;
        }
        if (node is YScalar)
            return r.Int(node, path, 1, int.MaxValue) is { } fixedSize ? new FixedSize(fixedSize) : null;
        if (node is not YMapping map)
        {
            r.WrongType(node, path, SizeExpectation);
            return null;
        }
        var s = new MapReader(r, map, path);
        AxisSize? result;
        if (map.Get("tensor_id") is not null || map.Get("axis_id") is not null)
        {
            var tensor = s.String("tensor_id", required: true);
            var axisText = s.String("axis_id", required: true);
            var offset = s.Int("offset", int.MinValue, int.MaxValue) ?? 0;
            var axisId = axisText is null ? null : NormaliseAxisId(r, axisText, map.Get("axis_id"), s.Sub("axis_id"));
            result = tensor is null || axisId is null ? null : new SizeReference(tensor, axisId.Value, offset);
        }
        else if (map.Get("step") is not null && input)
        {
            var min = s.Int("min", 1, int.MaxValue, required: true);
            var step = s.Int("step", 1, int.MaxValue, required: true);
            result = min is null || step is null ? null : new ParameterizedSize(min.Value, step.Value);
        }
        else if (allowDataDependent && map.Get("step") is null)
        {
            var min = s.Int("min", 1, int.MaxValue) ?? 1;
            var max = s.Int("max", 2, int.MaxValue);
            result = new DataDependentSize(min, max);
        }
        else
        {
            r.WrongType(node, path, input ? SizeExpectation : "an integer or a {tensor_id, axis_id} mapping");
            return null;
        }
        s.Finish();
        return result;
    }

    private EquatableArray<TensorDataDescr> Data(MapReader m)
    {
        var node = m.Take("data");
        if (node is null) return EquatableArray.Create<TensorDataDescr>(IntervalOrRatioDataDescr.Default);
        if (node is YSequence seq)
        {
            var list = new List<TensorDataDescr>();
            for (var i = 0; i < seq.Items.Count; i++)
                if (DataOne(seq.Items[i], $"{m.Sub("data")}[{i}]") is { } d) list.Add(d);
            return list.ToEquatableArray();
        }
        return DataOne(node, m.Sub("data")) is { } one ? EquatableArray.Create(one) : EquatableArray<TensorDataDescr>.Empty;
    }

    private TensorDataDescr? DataOne(YNode node, string path)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        TensorDataDescr? result;
        if (m.Node.Get("values") is not null)
        {
            var values = m.Seq("values", required: true);
            var type = m.String("type") ?? "uint8";
            CheckDType(m, type, allowBool: true);
            var unit = m.String("unit");
            result = values is null ? null : new NominalOrOrdinalDataDescr(values.Select(r.Value).ToEquatableArray(), type, unit);
        }
        else
        {
            var type = m.String("type") ?? "float32";
            CheckDType(m, type, allowBool: false);
            var (min, max) = Range(m);
            result = new IntervalOrRatioDataDescr(type, min, max, m.String("unit") ?? IntervalOrRatioDataDescr.ArbitraryUnit,
                m.Number("scale") ?? 1.0, m.Number("offset"));
        }
        m.Finish();
        return result;
    }

    private void CheckDType(MapReader m, string type, bool allowBool)
    {
        if (!TensorDataDescr.NumericTypes.Contains(type) && !(allowBool && type == "bool"))
            r.Sink.Error(m.Node.Get("type"), m.Sub("type"), "bad_dtype",
                $"unknown data type '{type}' (expected one of {string.Join(", ", TensorDataDescr.NumericTypes)}{(allowBool ? ", bool" : "")})");
    }

    /// <summary><c>range: [min|null, max|null]</c>; infinite bounds become null with a warning, as the spec does.</summary>
    private (double? Min, double? Max) Range(MapReader m)
    {
        var items = m.Seq("range");
        if (items is null) return (null, null);
        if (items.Count != 2)
        {
            r.Sink.Error(m.Node.Get("range"), m.Sub("range"), "bad_range", $"expected [min, max], got {items.Count} values");
            return (null, null);
        }
        double? Bound(int i)
        {
            if (items[i] is YScalar { Kind: ScalarKind.Null }) return null;
            var v = r.Number(items[i], $"{m.Sub("range")}[{i}]", allowInfinity: true);
            if (v is { } d && double.IsInfinity(d))
            {
                r.Sink.Warn(items[i], $"{m.Sub("range")}[{i}]", "infinite_range", "infinite range bound replaced by null (unbounded)");
                return null;
            }
            return v;
        }
        return (Bound(0), Bound(1));
    }
}
