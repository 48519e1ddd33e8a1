using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>
/// Reads 0.4 tensors and converts them to 0.5 by the official rules: axis letters become axis objects, shapes
/// become per-axis sizes, an implicit output shape <c>{reference_tensor, scale, offset}</c> becomes a
/// <see cref="SizeReference"/> with <c>offset = 2*offset</c> and output axis <c>scale = 1/scale</c>, halos move onto axes.
/// </summary>
internal sealed class V04TensorConverter(NodeReader r)
{
    private const string AxisLetters = "bitczyx";

    /// <summary>Largest channel count converted into generated channel names (bounds memory for absurd shapes).</summary>
    public const int MaxChannels = 65536;
    private static readonly string[] InputTypes = ["float32", "uint8", "uint16"];

    public V04Tensor? ReadRaw(YNode node, string path, bool input)
    {
        var m = r.Map(node, path);
        if (m is null) return null;
        var name = m.String("name", required: true);
        var axes = m.String("axes", required: true);
        var description = m.String("description") ?? "";
        var dataType = m.String("data_type", required: true);
        var range = Range(m);
        var shapeNode = m.Take("shape");
        if (shapeNode is null) m.Missing("shape", "a list of integers or a mapping");
        var halo = input ? null : IntList(m, "halo", 0);
        var procKey = input ? "preprocessing" : "postprocessing";
        var processing = m.Seq(procKey) ?? [];
        m.Finish();
        if (name is null || axes is null || dataType is null || shapeNode is null) return null;
        if (!CheckAxes(axes, m.Node.Get("axes")!, m.Sub("axes"))) return null;
        var allowed = input ? InputTypes : [.. TensorDataDescr.NumericTypes, "bool"];
        if (!allowed.Contains(dataType))
            r.Sink.Error(m.Node.Get("data_type"), m.Sub("data_type"), "bad_dtype", $"data_type '{dataType}' is not allowed for {(input ? "inputs" : "outputs")} (expected one of {string.Join(", ", allowed)})");

        int[]? fixedShape = null, min = null, step = null;
        string? reference = null;
        double?[]? scale = null;
        double[]? offset = null;
        var shapePath = m.Sub("shape");
        switch (shapeNode)
        {
            case YSequence:
                fixedShape = IntList(new MapReader(r, m.Node, m.Path), "shape", 1);
                break;
            case YMapping sm when input:
            {
                var s = new MapReader(r, sm, shapePath);
                min = IntList(s, "min", 1, required: true);
                step = IntList(s, "step", 0, required: true);
                s.Finish();
                if (min is not null && step is not null && min.Length != step.Length)
                    r.Sink.Error(sm, shapePath, "shape_length", $"shape.min has {min.Length} values but shape.step has {step.Length}");
                break;
            }
            case YMapping sm:
            {
                var s = new MapReader(r, sm, shapePath);
                reference = s.String("reference_tensor", required: true);
                scale = NullableList(s, "scale");
                offset = NullableList(s, "offset")?.Select(v => v ?? 0).ToArray();
                s.Finish();
                if (scale is not null && offset is not null && scale.Length != offset.Length)
                    r.Sink.Error(sm, shapePath, "shape_length", $"shape.scale has {scale.Length} values but shape.offset has {offset.Length}");
                break;
            }
            default:
                r.WrongType(shapeNode, shapePath, input ? "a list of integers or a {min, step} mapping" : "a list of integers or a {reference_tensor, scale, offset} mapping");
                return null;
        }
        var length = fixedShape?.Length ?? min?.Length ?? scale?.Length;
        if (length is { } n && n != axes.Length)
            r.Sink.Error(shapeNode, shapePath, "shape_length", $"shape has {n} entries but axes '{axes}' has {axes.Length}");
        if (halo is not null && halo.Length != axes.Length)
            r.Sink.Error(m.Node.Get("halo"), m.Sub("halo"), "shape_length", $"halo has {halo.Length} entries but axes '{axes}' has {axes.Length}");
        return new V04Tensor
        {
            Name = name, Node = node, Path = path, Axes = axes, Description = description, DataType = dataType, Range = range,
            Fixed = fixedShape, Min = min, Step = step, ReferenceTensor = reference, Scale = scale, Offset = offset, Halo = halo,
            ShapeNode = shapeNode, HaloNode = m.Node.Get("halo"), Processing = processing, ProcessingPath = m.Sub(procKey),
        };
    }

    private bool CheckAxes(string axes, YNode node, string path)
    {
        var bad = axes.FirstOrDefault(ch => !AxisLetters.Contains(ch));
        if (bad != default || axes.Length == 0)
        {
            r.Sink.Error(node, path, "bad_axes", $"axes '{axes}' must be a non-empty string of letters from '{AxisLetters}'");
            return false;
        }
        if (axes.Distinct().Count() != axes.Length)
        {
            r.Sink.Error(node, path, "duplicate_axis_id", $"axes '{axes}' repeats a letter");
            return false;
        }
        return true;
    }

    private (double? Min, double? Max) Range(MapReader m)
    {
        var items = m.Seq("data_range");
        if (items is null) return (null, null);
        if (items.Count != 2)
        {
            r.Sink.Error(m.Node.Get("data_range"), m.Sub("data_range"), "bad_range", $"expected [min, max], got {items.Count} values");
            return (null, null);
        }
        double? Bound(int i) => items[i] is YScalar { Kind: ScalarKind.Null } ? null
            : r.Number(items[i], $"{m.Sub("data_range")}[{i}]", allowInfinity: true) is { } d && double.IsFinite(d) ? d : null;
        return (Bound(0), Bound(1));
    }

    private int[]? IntList(MapReader m, string key, long min, bool required = false)
    {
        var items = m.Seq(key, required);
        if (items is null) return null;
        var values = new int[items.Count];
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            if (r.Int(items[i], $"{m.Sub(key)}[{i}]", min, int.MaxValue) is { } v) values[i] = v;
            else ok = false;
        }
        return ok ? values : null;
    }

    private double?[]? NullableList(MapReader m, string key)
    {
        var items = m.Seq(key, required: true);
        if (items is null) return null;
        var values = new double?[items.Count];
        for (var i = 0; i < items.Count; i++)
            values[i] = items[i] is YScalar { Kind: ScalarKind.Null } ? null : r.Number(items[i], $"{m.Sub(key)}[{i}]", 0);
        return values;
    }

    public EquatableArray<AxisDescr> InputAxes(V04Tensor t)
    {
        var axes = new List<AxisDescr>();
        for (var k = 0; k < t.Axes.Length; k++)
        {
            var letter = t.Axes[k];
            var id = new AxisId(V04Tensor.AxisIdOf(letter));
            AxisSize? size = t.Fixed is not null && k < t.Fixed.Length ? new FixedSize(t.Fixed[k])
                : t.Min is not null && t.Step is not null && k < t.Min.Length && k < t.Step.Length
                    ? (t.Step[k] == 0 ? new FixedSize(t.Min[k]) : new ParameterizedSize(t.Min[k], t.Step[k]))
                    : null;
            if (letter == 'b') { axes.Add(new BatchAxis()); continue; }
            if (size is null) return EquatableArray<AxisDescr>.Empty;
            AxisDescr? axis = letter switch
            {
                'c' => ChannelsOk(t.KnownSize(k) ?? 1, t) ? new ChannelAxis(ChannelNames(t.KnownSize(k) ?? 1), id) : null,
                'i' => new IndexInputAxis(size, id),
                't' => new TimeInputAxis(size, id),
                _ => new SpaceInputAxis(size, id),
            };
            if (axis is null) return EquatableArray<AxisDescr>.Empty;
            axes.Add(axis);
            if (letter == 'c' && size is ParameterizedSize)
                r.Sink.Warn(t.ShapeNode, t.Path + ".shape", "parameterized_channels", $"a parameterized channel axis cannot be converted; using its minimum {t.KnownSize(k)} channels");
        }
        return axes.ToEquatableArray();
    }

    public EquatableArray<AxisDescr> OutputAxes(V04Tensor t, IReadOnlyDictionary<string, V04Tensor> inputs)
    {
        var axes = new List<AxisDescr>();
        V04Tensor? reference = null;
        if (t.ReferenceTensor is not null && !inputs.TryGetValue(t.ReferenceTensor, out reference))
        {
            r.Sink.Error(t.ShapeNode, t.Path + ".shape.reference_tensor", "unknown_reference", $"reference_tensor '{t.ReferenceTensor}' is not an input tensor name");
            return EquatableArray<AxisDescr>.Empty;
        }
        if (reference is not null && t.Scale is not null && t.Scale.Count(s => s is not null) != reference.Axes.Length)
        {
            r.Sink.Error(t.ShapeNode, t.Path + ".shape", "shape_length",
                $"shape.scale has {t.Scale.Count(s => s is not null)} non-null entries but reference tensor '{reference.Name}' has {reference.Axes.Length} axes");
            return EquatableArray<AxisDescr>.Empty;
        }
        var j = 0;
        for (var k = 0; k < t.Axes.Length; k++)
        {
            var letter = t.Axes[k];
            var id = new AxisId(V04Tensor.AxisIdOf(letter));
            var halo = t.Halo is not null && k < t.Halo.Length ? t.Halo[k] : 0;
            if (letter == 'b')
            {
                if (reference is not null && t.Scale![k] is not null) j++;
                DropHalo(t, k, halo, "batch");
                axes.Add(new BatchAxis());
                continue;
            }
            if (t.Fixed is not null)
            {
                if (k >= t.Fixed.Length) return EquatableArray<AxisDescr>.Empty;
                DropHalo(t, k, halo, "fixed-size");
                if (Fixed(letter, id, t.Fixed[k], t) is not { } fa) return EquatableArray<AxisDescr>.Empty;
                axes.Add(fa);
                continue;
            }
            if (reference is null || t.Scale is null || t.Offset is null || k >= t.Scale.Length || k >= t.Offset.Length)
                return EquatableArray<AxisDescr>.Empty;
            var scale = t.Scale[k];
            var twiceOffset = 2 * t.Offset[k];
            var path = $"{t.Path}.shape.offset[{k}]";
            if (scale is null || scale == 0)
            {
                if (scale is not null) j++;
                if (!WholePositive(twiceOffset, t, path)) return EquatableArray<AxisDescr>.Empty;
                DropHalo(t, k, halo, "fixed-size");
                if (Fixed(letter, id, (int)twiceOffset, t) is not { } fo) return EquatableArray<AxisDescr>.Empty;
                axes.Add(fo);
                continue;
            }
            var refIndex = j++;
            var refLetter = reference.Axes[refIndex];
            var refId = new AxisId(V04Tensor.AxisIdOf(refLetter));
            if (letter is 'c' or 'i')
            {
                var refSize = reference.KnownSize(refIndex);
                var count = refSize is null ? double.NaN : refSize.Value * scale.Value + twiceOffset;
                if (letter == 'i' && scale == 1 && double.IsInteger(twiceOffset))
                {
                    DropHalo(t, k, halo, "index");
                    axes.Add(new IndexOutputAxis(new SizeReference(reference.Name, refId, (int)twiceOffset), id));
                    continue;
                }
                if (!WholePositive(count, t, path)) return EquatableArray<AxisDescr>.Empty;
                DropHalo(t, k, halo, letter == 'c' ? "channel" : "index");
                if (Fixed(letter, id, (int)count, t) is not { } fc) return EquatableArray<AxisDescr>.Empty;
                axes.Add(fc);
                continue;
            }
            if (!double.IsInteger(twiceOffset) || Math.Abs(twiceOffset) > int.MaxValue)
            {
                r.Sink.Error(t.ShapeNode, path, "bad_offset", $"2*offset = {twiceOffset.ToString(CultureInfo.InvariantCulture)} is not an integer number of pixels");
                return EquatableArray<AxisDescr>.Empty;
            }
            var sizeRef = new SizeReference(reference.Name, refId, (int)twiceOffset);
            var axisScale = 1.0 / scale.Value;
            axes.Add((letter, halo > 0) switch
            {
                ('t', true) => new TimeOutputAxisWithHalo(sizeRef, halo, id, Scale: axisScale),
                ('t', false) => new TimeOutputAxis(sizeRef, id, Scale: axisScale),
                (_, true) => new SpaceOutputAxisWithHalo(sizeRef, halo, id, Scale: axisScale),
                _ => new SpaceOutputAxis(sizeRef, id, Scale: axisScale),
            });
        }
        return axes.ToEquatableArray();
    }

    private bool ChannelsOk(int count, V04Tensor t)
    {
        if (count <= MaxChannels) return true;
        r.Sink.Error(t.ShapeNode, t.Path + ".shape", "too_many_channels", $"{count} channels is more than the {MaxChannels} supported");
        return false;
    }

    private AxisDescr? Fixed(char letter, AxisId id, int size, V04Tensor t) => letter switch
    {
        'c' => ChannelsOk(size, t) ? new ChannelAxis(ChannelNames(size), id) : null,
        'i' => new IndexOutputAxis(new FixedSize(size), id),
        't' => new TimeOutputAxis(new FixedSize(size), id),
        _ => new SpaceOutputAxis(new FixedSize(size), id),
    };

    private bool WholePositive(double value, V04Tensor t, string path)
    {
        if (double.IsInteger(value) && value >= 1 && value <= int.MaxValue) return true;
        r.Sink.Error(t.ShapeNode, path, "bad_implicit_size", $"the implicit shape gives an axis size of {value.ToString(CultureInfo.InvariantCulture)}, which is not a positive integer");
        return false;
    }

    private void DropHalo(V04Tensor t, int k, int halo, string kind)
    {
        if (halo > 0)
            r.Sink.Warn(t.HaloNode is YSequence hs && k < hs.Items.Count ? hs.Items[k] : t.HaloNode, $"{t.Path}.halo[{k}]", "halo_dropped",
                $"halo {halo} on a {kind} axis has no 0.5 equivalent and is dropped (the official converter rejects it)");
    }

    public static EquatableArray<string> ChannelNames(int count) =>
        Enumerable.Range(0, count).Select(i => "channel" + i.ToString(CultureInfo.InvariantCulture)).ToEquatableArray();

    public EquatableArray<TensorDataDescr> Data(V04Tensor t) => t.DataType == "bool"
        ? EquatableArray.Create<TensorDataDescr>(new NominalOrOrdinalDataDescr(EquatableArray.Create<SpecValue>(new SpecBool(false), new SpecBool(true)), "bool"))
        : EquatableArray.Create<TensorDataDescr>(new IntervalOrRatioDataDescr(t.DataType, t.Range.Min, t.Range.Max));
}
