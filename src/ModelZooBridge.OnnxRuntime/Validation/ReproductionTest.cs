using System.Diagnostics;
using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;
using ModelZooBridge.Validation;

namespace ModelZooBridge.OnnxRuntime.Validation;

/// <summary>The result of <see cref="ReproductionTest.Run"/>.</summary>
/// <param name="Entries">The findings: <c>reproduction.passed</c>/<c>tolerated</c>/<c>mismatch</c> per output, or one
/// <c>reproduction.failed-to-run</c> or <c>reproduction.not-run</c>.</param>
/// <param name="Figures">The comparison of each output that was compared.</param>
/// <param name="Ran">Whether the test inputs were run (false for <c>reproduction.not-run</c>).</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="SizeRuns">Format 0.5: the runs at other sizes and batch sizes (<see cref="OtherSizesTest"/>).</param>
public sealed record ReproductionOutcome(IReadOnlyList<ValidationEntry> Entries, IReadOnlyList<ReproductionFigures> Figures, bool Ran, TimeSpan Elapsed,
    IReadOnlyList<SizeRunFigures>? SizeRuns = null)
{
    /// <summary>Whether every output was reproduced (and nothing failed).</summary>
    public bool Passed => Ran && Figures.Count > 0 && Figures.All(f => f.Passed) && Entries.All(e => e.Severity < Severity.Error);
}

/// <summary>
/// Reproduces a package's test outputs from its test inputs with the ONNX weights, as bioimageio.core's
/// "Reproduce test outputs from test inputs (onnx)": each test input (one .npy dimension per described axis) goes through
/// its preprocessing, the whole tensors through ONNX Runtime on the CPU (no tiling), each output through its
/// postprocessing, and is compared with its test tensor as float32 with <see cref="ReproductionTolerance"/>.
/// The implicit <c>ensure_dtype</c> steps of format 0.5 are added: preprocessing starts with a cast to the described
/// input type and ends with one to float32, postprocessing ends with a cast to the described output type (unless the
/// steps already start/end with <c>ensure_dtype</c>, or end with <c>binarize</c>).
/// </summary>
public static class ReproductionTest
{
    /// <summary>Runs the test inputs of <paramref name="description"/> (read from <paramref name="package"/>) and compares the outputs.</summary>
    /// <param name="package">The open package holding the test tensors and the weights.</param>
    /// <param name="description">The model description read from that package.</param>
    /// <param name="sourceFormatVersion">The format_version as written (chooses the default tolerances); null for the description's.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads (≥ 1).</param>
    /// <param name="progress">Receives one line per step.</param>
    /// <param name="cancellationToken">Stops between steps and between ONNX operators.</param>
    /// <returns>Findings and figures; a model that cannot be run is a <c>reproduction.failed-to-run</c> entry, not an exception.</returns>
    /// <exception cref="DllNotFoundException">ONNX Runtime cannot be loaded.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ReproductionOutcome Run(ModelPackage package, ModelDescr description, string? sourceFormatVersion = null, int intraOpThreads = 1,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        var file = package.DescriptionFileName;
        if (description.Weights.Onnx is not { } onnx)
            return NotRun("no ONNX weights: the test outputs cannot be reproduced by mzb", new Location(file, 0, 0, "weights"));
        var untested = description.Inputs.Where(t => t.TestTensor is null).Select(t => t.Id)
            .Concat(description.Outputs.Where(t => t.TestTensor is null).Select(t => t.Id)).ToList();
        if (untested.Count > 0)
            return NotRun($"no test tensor for {string.Join(", ", untested.Select(id => $"'{id}'"))}: the test outputs cannot be reproduced", new Location(file, 0, 0, "inputs"));

        var remote = new[] { onnx.Source }.Concat(description.Inputs.Select(t => t.TestTensor!.Source))
            .Concat(description.Outputs.Select(t => t.TestTensor!.Source)).Where(ModelPackage.IsRemoteSource).ToList();
        if (remote.Count > 0)
            return NotRun($"{string.Join(", ", remote)} {(remote.Count == 1 ? "is a URL" : "are URLs")}, not downloaded offline: package the model so that the weights and test tensors are inside it",
                new Location(file, 0, 0, "weights.onnx.source"));

        // Touch the runtime first: a missing ONNX Runtime is an environment problem (DllNotFoundException), not a package finding.
        _ = OrtRuntime.Instance;
        var stopwatch = Stopwatch.StartNew();
        var stage = "reading the test inputs";
        var where = "inputs";
        try
        {
            var sample = new Dictionary<string, NdArray>(StringComparer.Ordinal);
            for (var i = 0; i < description.Inputs.Count; i++)
            {
                var input = description.Inputs[i];
                (stage, where) = ($"reading test tensor '{input.TestTensor!.Source}' of input '{input.Id}'", $"inputs[{i}].test_tensor");
                sample[input.Id] = ReadTensor(package, input.TestTensor.Source, input.Axes);
            }
            for (var i = 0; i < description.Inputs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var input = description.Inputs[i];
                (stage, where) = ($"preprocessing input '{input.Id}'", $"inputs[{i}].preprocessing");
                progress?.Report(stage);
                var steps = WithImplicitCasts(input.Preprocessing, DataType(input.Data), "float32");
                sample[input.Id] = ProcessingPipeline.FromDescr(input with { Preprocessing = steps }).Apply(sample);
            }

            (stage, where) = ($"loading '{onnx.Source}'", "weights.onnx.source");
            progress?.Report(stage);
            var model = package.ReadFile(onnx.Source);
            using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
            using var session = new InferenceSession(model, options);
            if (session.InputMetadata.Count != description.Inputs.Count || session.OutputMetadata.Count != description.Outputs.Count)
                return FailedToRun(stopwatch, new Location(file, 0, 0, "weights.onnx.source"),
                    $"'{onnx.Source}' has {session.InputMetadata.Count} input(s) and {session.OutputMetadata.Count} output(s), the description " +
                    $"{description.Inputs.Count} and {description.Outputs.Count} (ONNX tensors map to described tensors by position)");

            (stage, where) = ($"running '{onnx.Source}' on the test inputs", "weights.onnx.source");
            progress?.Report(stage);
            var processed = new Dictionary<string, NdArray>(sample, StringComparer.Ordinal);
            var values = new List<OrtValue>();
            try
            {
                foreach (var input in description.Inputs) values.Add(OrtValue.FromNdArray(sample[input.Id]));
                using var results = session.Run(session.InputMetadata.Select(m => m.Name).ToList(), values,
                    session.OutputMetadata.Select(m => m.Name).ToList(), cancellationToken);
                for (var j = 0; j < description.Outputs.Count; j++)
                {
                    var output = description.Outputs[j];
                    var axes = output.Axes.Select(a => a.Id).ToArray();
                    if (results[j].Shape.Count != axes.Length)
                        return FailedToRun(stopwatch, new Location(file, 0, 0, $"outputs[{j}].axes"),
                            $"ONNX output {j} ('{session.OutputMetadata[j].Name}') has rank {results[j].Shape.Count}, output '{output.Id}' describes {axes.Length} axes");
                    processed[output.Id] = results[j].ToNdArray(axes);
                }
            }
            finally
            {
                foreach (var value in values) value.Dispose();
            }

            var networkOutputs = description.Outputs.Select(o => processed[o.Id]).ToList();
            var entries = new List<ValidationEntry>();
            var figures = new List<ReproductionFigures>();
            for (var j = 0; j < description.Outputs.Count; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var output = description.Outputs[j];
                (stage, where) = ($"postprocessing output '{output.Id}'", $"outputs[{j}].postprocessing");
                var steps = WithImplicitCasts(output.Postprocessing, null, DataType(output.Data));
                var actual = ProcessingPipeline.FromDescr(output with { Postprocessing = steps }).Apply(processed);
                processed[output.Id] = actual;
            }
            for (var j = 0; j < description.Outputs.Count; j++)
            {
                var output = description.Outputs[j];
                (stage, where) = ($"reading test tensor '{output.TestTensor!.Source}' of output '{output.Id}'", $"outputs[{j}].test_tensor");
                using var expected = ReadTensor(package, output.TestTensor.Source, output.Axes);
                var tolerance = ReproductionTolerance.For(description, sourceFormatVersion, output.Id, "onnx");
                var location = new Location(file, 0, 0, $"outputs[{j}].test_tensor");
                var actual = processed[output.Id];
                if (!actual.Shape.SequenceEqual(expected.Shape))
                {
                    figures.Add(new ReproductionFigures(output.Id, 0, 0, double.NaN, double.NaN, double.NaN, tolerance, false));
                    entries.Add(new ValidationEntry("reproduction.mismatch", Severity.Error,
                        $"output '{output.Id}' has shape [{string.Join(",", actual.Shape)}], its test tensor '{output.TestTensor.Source}' [{string.Join(",", expected.Shape)}]", location));
                    continue;
                }
                var (figure, worst) = Compare(output.Id, actual, expected, tolerance);
                figures.Add(figure);
                entries.Add(Entry(figure, Position(worst, actual), output.TestTensor.Source, location));
            }
            IReadOnlyList<SizeRunFigures> sizeRuns = [];
            if ((sourceFormatVersion ?? description.FormatVersion).StartsWith("0.5", StringComparison.Ordinal))
            {
                (stage, where) = ($"running '{onnx.Source}' at other sizes", "inputs");
                var others = OtherSizesTest.Run(session, description, file, sample, networkOutputs,
                    id => ReproductionTolerance.For(description, sourceFormatVersion, id, "onnx"), progress, cancellationToken);
                entries.AddRange(others.Entries);
                sizeRuns = others.Runs;
            }
            stopwatch.Stop();
            return new ReproductionOutcome(entries, figures, true, stopwatch.Elapsed, sizeRuns);
        }
        catch (OrtException e)
        {
            return FailedToRun(stopwatch, new Location(file, 0, 0, where), $"ONNX Runtime failed {stage}: {e.OrtMessage}");
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or ArgumentException or InvalidOperationException
                                       or KeyNotFoundException or PackageException or IOException or InvalidDataException or OverflowException
                                       or UnauthorizedAccessException)
        {
            return FailedToRun(stopwatch, new Location(file, 0, 0, where), $"{stage} failed: {e.Message}");
        }
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="expected"/> (same shape) as float32: an element is mismatched
    /// when <c>|a − e| &gt; atol + rtol·|e|</c> (NaN matches only NaN).
    /// </summary>
    /// <returns>The figures and the flat index of the largest absolute difference (-1 when there is none).</returns>
    public static (ReproductionFigures Figures, long WorstIndex) Compare(string outputId, NdArray actual, NdArray expected, ReproductionTolerance tolerance)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(tolerance);
        if (!actual.Shape.SequenceEqual(expected.Shape))
            throw new ArgumentException($"shapes differ: [{string.Join(",", actual.Shape)}] vs [{string.Join(",", expected.Shape)}]", nameof(actual));
        var a = actual.ToFloat32().Span;
        var e = expected.ToFloat32().Span;
        long mismatched = 0, worst = -1;
        double maxAbs = 0, maxRel = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double ai = a[i], ei = e[i];
            if (double.IsNaN(ai) || double.IsNaN(ei))
            {
                if (!(double.IsNaN(ai) && double.IsNaN(ei))) { mismatched++; maxAbs = double.NaN; worst = worst < 0 ? i : worst; }
                continue;
            }
            var d = ai == ei ? 0 : Math.Abs(ai - ei);
            if (!(d <= tolerance.AbsoluteTolerance + tolerance.RelativeTolerance * Math.Abs(ei))) mismatched++;
            if (d > maxAbs) { maxAbs = d; worst = i; }
            if (ei != 0 && d / Math.Abs(ei) > maxRel) maxRel = d / Math.Abs(ei);
        }
        var ppm = a.Length == 0 ? 0 : mismatched * 1e6 / a.Length;
        var passed = ppm <= tolerance.MismatchedElementsPerMillion && !(mismatched > 0 && tolerance.MismatchedElementsPerMillion <= 0);
        return (new ReproductionFigures(outputId, a.Length, mismatched, ppm, maxAbs, maxRel, tolerance, passed), worst);
    }

    /// <summary>The flat C-order index as named coordinates, e.g. <c>batch=0, channel=0, y=15, x=127</c>; empty for -1.</summary>
    private static string Position(long flat, NdArray array)
    {
        if (flat < 0) return "";
        var coordinates = new string[array.Rank];
        for (var d = array.Rank - 1; d >= 0; d--)
        {
            coordinates[d] = string.Create(CultureInfo.InvariantCulture, $"{array.Axes[d]}={flat % array.Shape[d]}");
            flat /= array.Shape[d];
        }
        return string.Join(", ", coordinates);
    }

    private static ValidationEntry Entry(ReproductionFigures f, string worst, string testTensor, Location location)
    {
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"max |actual − expected| {f.MaxAbsoluteDifference:G3}{(worst.Length == 0 ? "" : $" at [{worst}]")}, max relative difference {f.MaxRelativeDifference:G3}, " +
            $"{f.Mismatched} of {f.Elements} elements ({f.MismatchedPerMillion:G4} ppm) outside {f.Tolerance}");
        if (!f.Passed)
            return new ValidationEntry("reproduction.mismatch", Severity.Error, $"output '{f.OutputId}' does not reproduce its test tensor '{testTensor}': {figures}", location);
        if (f.Mismatched > 0)
            return new ValidationEntry("reproduction.tolerated", Severity.Warning, $"output '{f.OutputId}' reproduces '{testTensor}' within the allowed ppm: {figures}", location);
        return new ValidationEntry("reproduction.passed", Severity.Info, $"output '{f.OutputId}' reproduces '{testTensor}': {figures}", location);
    }

    /// <summary>
    /// The steps with the implicit casts of format 0.5 (first to <paramref name="first"/> when given, last to
    /// <paramref name="last"/>). Whether the last cast is needed is decided on the steps as written, so an input without
    /// preprocessing reaches the network as float32 — the type the static <c>onnx.dtype-mismatch</c> check expects.
    /// </summary>
    internal static EquatableArray<ProcessingDescr> WithImplicitCasts(EquatableArray<ProcessingDescr> steps, string? first, string last)
    {
        var list = steps.Items.ToList();
        var needsLast = list.Count == 0 || list[^1] is not (EnsureDtypeDescr or BinarizeDescr);
        if (first is not null && (list.Count == 0 || list[0] is not EnsureDtypeDescr)) list.Insert(0, new EnsureDtypeDescr(first));
        if (needsLast) list.Add(new EnsureDtypeDescr(last));
        return list.ToEquatableArray();
    }

    private static string DataType(EquatableArray<TensorDataDescr> data) => data.Count == 0 ? "float32" : data[0].Type;

    private static NdArray ReadTensor(ModelPackage package, string source, EquatableArray<AxisDescr> axes)
    {
        using var stream = package.OpenFile(source);
        var array = NpyFile.Read(stream, source);
        if (array.Rank != axes.Count)
        {
            array.Dispose();
            throw new InvalidDataException($"'{source}' has {array.Rank} dimensions, the tensor describes {axes.Count} axes");
        }
        return array.WithAxes(axes.Select(a => a.Id).ToArray());
    }

    private static ReproductionOutcome NotRun(string message, Location location) =>
        new([new ValidationEntry("reproduction.not-run", Severity.Info, message, location)], [], false, TimeSpan.Zero);

    private static ReproductionOutcome FailedToRun(Stopwatch stopwatch, Location location, string message)
    {
        stopwatch.Stop();
        return new ReproductionOutcome([new ValidationEntry("reproduction.failed-to-run", Severity.Error, message, location)], [], true, stopwatch.Elapsed);
    }
}
