using ModelZooBridge.Arrays;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>
/// Converts 0.4 <c>{name, kwargs}</c> processing entries to 0.5 descriptors: <c>axes</c> letters become axis ids,
/// <c>zero_mean_unit_variance</c> <c>mode: per_dataset</c> adds <c>batch</c>, <c>mode: fixed</c> becomes
/// <c>fixed_zero_mean_unit_variance</c>, per-axis <c>scale_linear</c>/<c>fixed</c> values go along the single complement axis,
/// other modes are dropped.
/// </summary>
internal sealed class V04ProcessingConverter(NodeReader r)
{
    private static readonly string[] PreNames = ["binarize", "clip", "scale_linear", "sigmoid", "zero_mean_unit_variance", "scale_range"];

    public ProcessingDescr? Convert(YNode node, string path, string tensorAxes, bool post)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        var name = m.String("name", required: true);
        var kw = m.Map("kwargs") ?? new MapReader(r, new YMapping(node.Line, node.Column), m.Sub("kwargs"));
        m.Finish();
        if (name is null) return null;
        if (!PreNames.Contains(name) && !(post && name == "scale_mean_variance"))
        {
            var known = string.Join(", ", post ? PreNames.Append("scale_mean_variance") : PreNames);
            r.Sink.Error(m.Node.Get("name"), m.Sub("name"), "unknown_processing", $"unknown {(post ? "postprocessing" : "preprocessing")} name '{name}' (known: {known})");
            return null;
        }
        ProcessingDescr? result = name switch
        {
            "binarize" => kw.Number("threshold", required: true) is { } t ? new BinarizeDescr(EquatableArray.Create(t)) : null,
            "clip" => new ClipDescr(kw.Number("min"), kw.Number("max")),
            "sigmoid" => new SigmoidDescr(),
            "scale_linear" => ScaleLinear(kw, tensorAxes),
            "zero_mean_unit_variance" => Zmuv(kw, tensorAxes),
            "scale_range" => ScaleRange(kw, tensorAxes),
            _ => ScaleMeanVariance(kw, tensorAxes),
        };
        kw.Finish();
        return result;
    }

    private EquatableArray<AxisId>? AxesOf(MapReader kw, string tensorAxes, bool prependBatch = false)
    {
        var letters = kw.String("axes");
        if (letters is null) return null;
        var bad = letters.FirstOrDefault(ch => !tensorAxes.Contains(ch));
        if (bad != default)
        {
            r.Sink.Error(kw.Node.Get("axes"), kw.Sub("axes"), "bad_axes", $"axis '{bad}' in kwargs.axes '{letters}' is not one of the tensor's axes '{tensorAxes}'");
            return null;
        }
        var ids = letters.Select(ch => new AxisId(V04Tensor.AxisIdOf(ch)));
        if (prependBatch && !letters.Contains('b')) ids = ids.Prepend(new AxisId("batch"));
        return ids.ToEquatableArray();
    }

    /// <summary>The one non-batch tensor axis not in <c>kwargs.axes</c>: where per-axis value lists apply.</summary>
    private AxisId? ComplementAxis(MapReader kw, string tensorAxes)
    {
        var letters = kw.Node.Get("axes") is YScalar s ? s.Value : "";
        var rest = tensorAxes.Where(ch => ch != 'b' && !letters.Contains(ch)).ToArray();
        if (rest.Length == 1) return new AxisId(V04Tensor.AxisIdOf(rest[0]));
        r.Sink.Error(kw.Node, kw.Path, "ambiguous_axis",
            $"per-axis values need exactly one tensor axis outside kwargs.axes '{letters}', found {rest.Length} ('{new string(rest)}')");
        return null;
    }

    private (EquatableArray<double> Values, bool IsList)? Values(MapReader kw, string key, double fallback)
    {
        var node = kw.Take(key);
        if (node is null) return (EquatableArray.Create(fallback), false);
        if (node is YSequence seq)
        {
            var list = new List<double>();
            for (var i = 0; i < seq.Items.Count; i++)
                if (r.Number(seq.Items[i], $"{kw.Sub(key)}[{i}]") is { } v) list.Add(v);
            return list.Count == seq.Items.Count && list.Count > 0 ? (list.ToEquatableArray(), true) : null;
        }
        return r.Number(node, kw.Sub(key)) is { } one ? (EquatableArray.Create(one), false) : null;
    }

    private ScaleLinearDescr? ScaleLinear(MapReader kw, string tensorAxes)
    {
        _ = AxesOf(kw, tensorAxes);
        var gain = Values(kw, "gain", 1.0);
        var offset = Values(kw, "offset", 0.0);
        if (gain is null || offset is null) return null;
        if (!gain.Value.IsList && !offset.Value.IsList) return new ScaleLinearDescr(gain.Value.Values, offset.Value.Values);
        var axis = ComplementAxis(kw, tensorAxes);
        return axis is null ? null : new ScaleLinearDescr(Broadcast(gain.Value, offset.Value), Broadcast(offset.Value, gain.Value), axis);
    }

    private static EquatableArray<double> Broadcast((EquatableArray<double> Values, bool IsList) a, (EquatableArray<double> Values, bool IsList) other) =>
        a.IsList || !other.IsList ? a.Values : Enumerable.Repeat(a.Values[0], other.Values.Count).ToEquatableArray();

    private ProcessingDescr? Zmuv(MapReader kw, string tensorAxes)
    {
        var mode = kw.String("mode") ?? "fixed";
        var eps = kw.Number("eps", 0, 1) ?? 1e-6;
        switch (mode)
        {
            case "per_sample":
                kw.Ignore("mean", "std");
                return new ZeroMeanUnitVarianceDescr(AxesOf(kw, tensorAxes), eps);
            case "per_dataset":
                kw.Ignore("mean", "std");
                return new ZeroMeanUnitVarianceDescr(AxesOf(kw, tensorAxes, prependBatch: true), eps);
            case "fixed":
            {
                _ = AxesOf(kw, tensorAxes);
                if (!kw.Has("mean") || !kw.Has("std"))
                {
                    r.Sink.Error(kw.Node, kw.Path, "missing_field", "mode 'fixed' needs 'mean' and 'std'");
                    return null;
                }
                var mean = Values(kw, "mean", 0);
                var std = Values(kw, "std", 1);
                if (mean is null || std is null) return null;
                if (!mean.Value.IsList && !std.Value.IsList) return new FixedZeroMeanUnitVarianceDescr(mean.Value.Values, std.Value.Values, null, eps);
                var axis = ComplementAxis(kw, tensorAxes);
                return axis is null ? null : new FixedZeroMeanUnitVarianceDescr(Broadcast(mean.Value, std.Value), Broadcast(std.Value, mean.Value), axis, eps);
            }
            default:
                r.Sink.Error(kw.Node.Get("mode"), kw.Sub("mode"), "bad_mode", $"unknown mode '{mode}' (expected fixed, per_dataset or per_sample)");
                return null;
        }
    }

    private ScaleRangeDescr ScaleRange(MapReader kw, string tensorAxes)
    {
        kw.Ignore("mode");
        return new ScaleRangeDescr(AxesOf(kw, tensorAxes), kw.Number("min_percentile", 0, 100) ?? 0, kw.Number("max_percentile", 0, 100) ?? 100,
            kw.Number("eps", 0, 1) ?? 1e-6, kw.String("reference_tensor"));
    }

    private ScaleMeanVarianceDescr? ScaleMeanVariance(MapReader kw, string tensorAxes)
    {
        kw.Ignore("mode");
        var reference = kw.String("reference_tensor", required: true);
        var axes = AxesOf(kw, tensorAxes);
        var eps = kw.Number("eps", 0, 1) ?? 1e-6;
        return reference is null ? null : new ScaleMeanVarianceDescr(reference, axes, eps);
    }
}
