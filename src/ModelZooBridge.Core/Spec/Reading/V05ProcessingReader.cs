using ModelZooBridge.Arrays;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>Reads 0.5 <c>preprocessing</c>/<c>postprocessing</c> entries: <c>{id, kwargs}</c>.</summary>
internal sealed class V05ProcessingReader(NodeReader r)
{
    private static readonly string[] PreIds =
        ["binarize", "clip", "ensure_dtype", "fixed_zero_mean_unit_variance", "scale_linear", "scale_range", "sigmoid", "softmax", "zero_mean_unit_variance"];

    public ProcessingDescr? Read(YNode node, string path, bool post)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        var id = m.String("id", required: true);
        var kw = m.Map("kwargs") ?? new MapReader(r, new YMapping(node.Line, node.Column), m.Sub("kwargs"));
        m.Finish();
        if (id is null) return null;
        if (!PreIds.Contains(id) && !(post && id == "scale_mean_variance"))
        {
            var known = post ? string.Join(", ", PreIds.Append("scale_mean_variance")) : string.Join(", ", PreIds);
            r.Sink.Error(m.Node.Get("id"), m.Sub("id"), "unknown_processing", $"unknown {(post ? "postprocessing" : "preprocessing")} id '{id}' (known: {known})");
            return null;
        }
        ProcessingDescr? result = id switch
        {
            "binarize" => Binarize(kw),
            "clip" => new ClipDescr(kw.Number("min"), kw.Number("max"), kw.Number("min_percentile", 0, 100), kw.Number("max_percentile", 0, 100), Axes(kw, "axes")),
            "ensure_dtype" => kw.String("dtype", required: true) is { } dt ? new EnsureDtypeDescr(DType(kw, dt)) : null,
            "fixed_zero_mean_unit_variance" => FixedZmuv(kw),
            "scale_linear" => ScaleLinear(kw),
            "scale_mean_variance" when post => kw.String("reference_tensor", required: true) is { } rt
                ? new ScaleMeanVarianceDescr(rt, Axes(kw, "axes"), kw.Number("eps", 0, 1) ?? 1e-6) : null,
            "scale_range" => new ScaleRangeDescr(Axes(kw, "axes"), kw.Number("min_percentile", 0, 100) ?? 0, kw.Number("max_percentile", 0, 100) ?? 100,
                kw.Number("eps", 0, 1) ?? 1e-6, kw.String("reference_tensor")),
            "sigmoid" => new SigmoidDescr(),
            "softmax" => new SoftmaxDescr(AxisIdOf(kw, "axis") ?? new AxisId("channel")),
            "zero_mean_unit_variance" => new ZeroMeanUnitVarianceDescr(Axes(kw, "axes"), kw.Number("eps", 0, 1) ?? 1e-6),
            _ => null,
        };
        kw.Finish();
        return result;
    }

    private static string DType(MapReader kw, string dtype)
    {
        if (dtype != "bool" && !TensorDataDescr.NumericTypes.Contains(dtype))
            kw.R.Sink.Error(kw.Node.Get("dtype"), kw.Sub("dtype"), "bad_dtype", $"unknown dtype '{dtype}'");
        return dtype;
    }

    private BinarizeDescr? Binarize(MapReader kw)
    {
        var axis = AxisIdOf(kw, "axis");
        var t = Values(kw, "threshold", required: true);
        return t.IsEmpty ? null : new BinarizeDescr(t, axis);
    }

    private FixedZeroMeanUnitVarianceDescr? FixedZmuv(MapReader kw)
    {
        var axis = AxisIdOf(kw, "axis");
        var mean = Values(kw, "mean", required: true);
        var std = Values(kw, "std", required: true, min: 1e-6);
        var eps = kw.Number("eps", 0, 1) ?? 1e-6;
        return mean.IsEmpty || std.IsEmpty ? null : new FixedZeroMeanUnitVarianceDescr(mean, std, axis, eps);
    }

    private ScaleLinearDescr? ScaleLinear(MapReader kw)
    {
        var axis = AxisIdOf(kw, "axis");
        var gain = kw.Has("gain") ? Values(kw, "gain", required: true) : EquatableArray.Create(1.0);
        var offset = kw.Has("offset") ? Values(kw, "offset", required: true) : EquatableArray.Create(0.0);
        return gain.IsEmpty || offset.IsEmpty ? null : new ScaleLinearDescr(gain, offset, axis);
    }

    /// <summary>A scalar or a list of numbers, as a list.</summary>
    private EquatableArray<double> Values(MapReader kw, string key, bool required, double min = double.NegativeInfinity)
    {
        var node = kw.Take(key);
        if (node is null)
        {
            if (required) kw.Missing(key, "a number or a list of numbers");
            return EquatableArray<double>.Empty;
        }
        if (node is YSequence seq)
        {
            var list = new List<double>();
            for (var i = 0; i < seq.Items.Count; i++)
                if (r.Number(seq.Items[i], $"{kw.Sub(key)}[{i}]", min) is { } v) list.Add(v);
            if (seq.Items.Count == 0) r.Sink.Error(node, kw.Sub(key), "empty_list", "expected at least one value");
            return list.Count == seq.Items.Count ? list.ToEquatableArray() : EquatableArray<double>.Empty;
        }
        return r.Number(node, kw.Sub(key), min) is { } one ? EquatableArray.Create(one) : EquatableArray<double>.Empty;
    }

    public static AxisId? AxisIdOf(MapReader m, string key)
    {
        var s = m.String(key);
        return s is null ? null : V05TensorReader.NormaliseAxisId(m.R, s, m.Node.Get(key), m.Sub(key));
    }

    public static EquatableArray<AxisId>? Axes(MapReader m, string key)
    {
        var items = m.Seq(key);
        if (items is null) return null;
        var result = new List<AxisId>();
        for (var i = 0; i < items.Count; i++)
            if (m.R.String(items[i], $"{m.Sub(key)}[{i}]") is { } s &&
                V05TensorReader.NormaliseAxisId(m.R, s, items[i], $"{m.Sub(key)}[{i}]") is { } id)
                result.Add(id);
        return result.ToEquatableArray();
    }
}
