using System.Diagnostics;
using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Several packages run on the same image with the same plan request, their outputs averaged element-wise. When every
/// member has the same preprocessing and postprocessing, the raw model outputs are averaged and postprocessed once (so
/// e.g. a threshold applies to the mean probability); otherwise the final outputs are averaged as float32.
/// Members run one after another, each with its own tiling. One member behaves as a plain <see cref="Predictor"/>.
/// </summary>
public sealed class EnsemblePredictor : IDisposable
{
    private readonly Predictor[] _members;
    private readonly string[] _paths;

    private EnsemblePredictor(Predictor[] members, string[] paths)
    {
        _members = members;
        _paths = paths;
        AveragesRawOutputs = members.All(m => SameProcessing(members[0].Description, m.Description));
    }

    /// <summary>The members, in the order given.</summary>
    public IReadOnlyList<Predictor> Members => _members;

    /// <summary>True when outputs are averaged before the (shared) postprocessing, false when after it.</summary>
    public bool AveragesRawOutputs { get; }

    /// <summary>Opens every package (as <see cref="Predictor.Open"/>) and checks that they can be averaged.</summary>
    /// <param name="packagePaths">One or more packages.</param>
    /// <param name="options">Options for every member; defaults when null.</param>
    /// <exception cref="PackageException">
    /// When a package cannot be read, or its inputs or outputs differ from the first member's in count, axes or channels.
    /// </exception>
    /// <exception cref="NotSupportedException">As <see cref="Predictor.Open"/>.</exception>
    /// <exception cref="DllNotFoundException">When ONNX Runtime is missing.</exception>
    public static EnsemblePredictor Open(IReadOnlyList<string> packagePaths, PredictorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(packagePaths);
        if (packagePaths.Count == 0) throw new ArgumentException("an ensemble needs at least one package", nameof(packagePaths));
        var members = new List<Predictor>();
        try
        {
            foreach (var path in packagePaths)
            {
                members.Add(Predictor.Open(path, options));
                if (Incompatibility(members[0].Description, members[^1].Description) is string problem)
                    throw new PackageException(path, $"cannot be averaged with {packagePaths[0]}: {problem}");
            }
        }
        catch
        {
            foreach (var member in members) member.Dispose();
            throw;
        }
        return new EnsemblePredictor([.. members], [.. packagePaths]);
    }

    /// <summary>Every member's <see cref="Predictor.Predict(NdArray, IProgress{long}?, CancellationToken)"/>, averaged.</summary>
    /// <remarks>Throws <see cref="NotSupportedException"/> when members' outputs for the image differ in shape.</remarks>
    /// <param name="image">The image.</param>
    /// <param name="progress">Blocks done, summed over the members (see <see cref="BlockCount(NdArray, IReadOnlyList{int}?)"/>).</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public PredictionResult Predict(NdArray image, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Run(Single(image), PlanRequest.Chosen, progress, cancellationToken);

    /// <summary>
    /// Every member's <see cref="Predictor.Predict(IReadOnlyDictionary{string, NdArray}, IProgress{long}?, CancellationToken)"/>,
    /// averaged: one image per input id of the first member (further members take them by input position).
    /// </summary>
    /// <param name="inputs">One image per input id of the first member.</param>
    /// <param name="progress">Blocks done, summed over the members.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public PredictionResult Predict(IReadOnlyDictionary<string, NdArray> inputs, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Run(inputs, PlanRequest.Chosen, progress, cancellationToken);

    /// <summary>Every member's <see cref="Predictor.PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/>, averaged.</summary>
    /// <param name="image">The image.</param>
    /// <param name="blockShape">The block shape, as <see cref="Predictor.PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/> takes it.</param>
    /// <param name="progress">Blocks done, summed over the members.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public PredictionResult PredictWithFixedBlocks(NdArray image, IReadOnlyList<int> blockShape, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        PredictWithFixedBlocks(Single(image), blockShape, progress, cancellationToken);

    /// <summary>As <see cref="PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/> with one image per input id (as <see cref="Predict(IReadOnlyDictionary{string, NdArray}, IProgress{long}?, CancellationToken)"/>).</summary>
    /// <param name="inputs">One image per input id of the first member.</param>
    /// <param name="blockShape">The block shape, in the first input's axis order.</param>
    /// <param name="progress">Blocks done, summed over the members.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public PredictionResult PredictWithFixedBlocks(IReadOnlyDictionary<string, NdArray> inputs, IReadOnlyList<int> blockShape, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockShape);
        return Run(inputs, PlanRequest.Fixed(blockShape), progress, cancellationToken);
    }

    /// <summary>Every member's <see cref="Predictor.PredictWhole(NdArray, bool, CancellationToken)"/>, averaged.</summary>
    public PredictionResult PredictWhole(NdArray image, bool padBorders = true, CancellationToken cancellationToken = default) =>
        Run(Single(image), PlanRequest.Whole(padBorders), null, cancellationToken);

    /// <summary>The blocks all members run for <paramref name="image"/> (the progress total), from its shape alone.</summary>
    /// <param name="image">The image (for a model with several inputs, the first input's: blocks follow it).</param>
    /// <param name="blockShape">A fixed block shape, or null for the chooser's.</param>
    public long BlockCount(NdArray image, IReadOnlyList<int>? blockShape = null) =>
        _members.Sum(m => m.PlanFor(image, blockShape).BlockCount(SampleLayout.TensorShape(image, m.Description.Inputs[0])));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var member in _members) member.Dispose();
    }

    private PredictionResult Run(IReadOnlyDictionary<string, NdArray> inputs, PlanRequest request, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_members.Length == 1) return _members[0].Finish(_members[0].Run(inputs, request, progress, cancellationToken));
        var clock = Stopwatch.StartNew();
        var reports = new List<PredictionReport>();
        NdArray[]? sums = null;
        RawPrediction? first = null;
        for (int i = 0; i < _members.Length; i++)
        {
            var member = _members[i];
            long done = reports.Sum(r => (long)r.Blocks);
            var raw = member.Run(ForMember(inputs, member), request, progress is null ? null : new OffsetProgress(progress, done), cancellationToken);
            reports.Add(raw.Report);
            NdArray[] outputs = AveragesRawOutputs
                ? [.. member.Description.Outputs.Select(o => raw.Sample[o.Id])]
                : [.. member.Finish(raw).Outputs.Select(o => o.DType == DType.Float32 ? o : o.ToFloat32())];
            if (sums is null)
            {
                sums = outputs;
                first = raw;
            }
            else
            {
                for (int k = 0; k < sums.Length; k++) AddTo(sums[k], outputs[k], _paths[i], k);
            }
        }
        foreach (var sum in sums!) TensorPrimitives.Multiply(sum.As<float>().Span, 1f / _members.Length, sum.As<float>().Span);
        var report = reports[0] with
        {
            Blocks = reports.Sum(r => r.Blocks),
            Preprocessing = Total(reports, r => r.Preprocessing),
            Inference = Total(reports, r => r.Inference),
            Merge = Total(reports, r => r.Merge),
            Postprocessing = AveragesRawOutputs ? TimeSpan.Zero : Total(reports, r => r.Postprocessing),
            Total = clock.Elapsed,
            Members = [.. _paths],
            Averaged = AveragesRawOutputs ? "raw" : "postprocessed",
        };
        // Raw sums live in the first member's sample (its merged outputs), so its postprocessing reads the mean.
        return AveragesRawOutputs
            ? _members[0].Finish(first! with { Report = report })
            : new PredictionResult([.. _members[0].Description.Outputs.Select(o => o.Id)], sums, report);
    }

    /// <summary>A single-input model's image keyed by the first member's input id (members share the input count).</summary>
    private Dictionary<string, NdArray> Single(NdArray image) => _members[0].Single(image);

    /// <summary>The images keyed by the first member's input ids, re-keyed to <paramref name="member"/>'s ids of the same positions.</summary>
    private IReadOnlyDictionary<string, NdArray> ForMember(IReadOnlyDictionary<string, NdArray> inputs, Predictor member)
    {
        var first = _members[0].Description.Inputs;
        if (member == _members[0]) return inputs;
        return member.Description.Inputs.Select((input, i) => (input.Id, Image: inputs.TryGetValue(first[i].Id, out var image) ? image : null))
            .Where(p => p.Image is not null)
            .ToDictionary(p => p.Id, p => p.Image!);
    }

    private void AddTo(NdArray sum, NdArray addend, string path, int output)
    {
        if (!sum.Shape.SequenceEqual(addend.Shape))
            throw new NotSupportedException(
                $"{path}: output {output} is [{string.Join(",", addend.Shape)}], {_paths[0]}'s is [{string.Join(",", sum.Shape)}]; they cannot be averaged");
        TensorPrimitives.Add(sum.As<float>().Span, addend.As<float>().Span, sum.As<float>().Span);
    }

    private static TimeSpan Total(IEnumerable<PredictionReport> reports, Func<PredictionReport, TimeSpan> part) =>
        reports.Aggregate(TimeSpan.Zero, (total, r) => total + part(r));

    /// <summary>Same preprocessing of every input and postprocessing of every output, position by position.</summary>
    private static bool SameProcessing(ModelDescr a, ModelDescr b) =>
        a.Inputs.Zip(b.Inputs).All(p => p.First.Preprocessing == p.Second.Preprocessing)
        && a.Outputs.Zip(b.Outputs).All(p => p.First.Postprocessing == p.Second.Postprocessing);

    /// <summary>Why <paramref name="member"/> cannot be averaged with <paramref name="first"/>, or null: tensor counts, axes and channel counts.</summary>
    private static string? Incompatibility(ModelDescr first, ModelDescr member)
    {
        if (member.Inputs.Count != first.Inputs.Count) return $"{member.Inputs.Count} input(s) instead of {first.Inputs.Count}";
        if (member.Outputs.Count != first.Outputs.Count) return $"{member.Outputs.Count} output(s) instead of {first.Outputs.Count}";
        var pairs = first.Inputs.Zip(member.Inputs, (f, m) => ("input", f.Id, f.Axes, m.Id, m.Axes))
            .Concat(first.Outputs.Zip(member.Outputs, (f, m) => ("output", f.Id, f.Axes, m.Id, m.Axes)));
        foreach (var (kind, firstId, firstAxes, id, axes) in pairs)
        {
            string expected = Layout(firstAxes), actual = Layout(axes);
            if (expected != actual) return $"{kind} '{id}' has axes {actual} where the first package's '{firstId}' has {expected}";
        }
        return null;
    }

    /// <summary>Image axis names with channel counts, e.g. <c>b,c[3],y,x</c>.</summary>
    private static string Layout(IEnumerable<AxisDescr> axes) =>
        string.Join(",", axes.Select(a => SpecDigest.ChannelCount(a) is int n ? $"{SampleLayout.ImageAxis(a)}[{n}]" : SampleLayout.ImageAxis(a).ToString()));

    private sealed class OffsetProgress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
