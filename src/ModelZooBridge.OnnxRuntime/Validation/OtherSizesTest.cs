using System.Collections.Immutable;
using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;
using ModelZooBridge.Validation;

namespace ModelZooBridge.OnnxRuntime.Validation;

/// <summary>The result of <see cref="OtherSizesTest.Run"/>.</summary>
/// <param name="Entries"><c>reproduction.other-sizes</c> and <c>reproduction.batch</c> errors, or one <c>reproduction.sizes-checked</c>.</param>
/// <param name="Runs">Every run made, with its shapes.</param>
public sealed record OtherSizesOutcome(IReadOnlyList<ValidationEntry> Entries, IReadOnlyList<SizeRunFigures> Runs);

/// <summary>
/// Format 0.5 dynamic validation beyond the test tensors, after bioimageio.core's "Run … inference for inputs with
/// batch_size B and size parameter n": the preprocessed test inputs are cropped or reflect-padded (centred) to other valid
/// sizes — every parameterized axis at <c>min + n·step</c> for n = 0, 1, 2 and at the test size + one step, sizes that
/// reference other axes resolved — and run through the graph, and every output shape must be the one the description
/// implies (<see cref="DescribedShapes"/>). Values are not compared, except when the batch axis is free: then the smallest
/// case runs again with batch 2 (the input and its mirror image), and batch entry 0 must match the same input run alone
/// within the reproduction tolerance.
/// </summary>
public static class OtherSizesTest
{
    private sealed record SizeCase(string Name, int BatchSize, Dictionary<string, int[]> Shapes);

    /// <summary>Runs the other sizes with an open session.</summary>
    /// <param name="session">The session of the ONNX weights (graph inputs and outputs map to described tensors by position).</param>
    /// <param name="description">The model description.</param>
    /// <param name="file">The description file, for locations.</param>
    /// <param name="testInputs">The preprocessed test inputs by input id (float32).</param>
    /// <param name="testOutputs">The graph's outputs for the test inputs, in described order (before postprocessing).</param>
    /// <param name="tolerance">The reproduction tolerance of an output id.</param>
    /// <param name="progress">Receives one line per run.</param>
    /// <param name="cancellationToken">Stops between and during runs.</param>
    public static OtherSizesOutcome Run(InferenceSession session, ModelDescr description, string file, IReadOnlyDictionary<string, NdArray> testInputs,
        IReadOnlyList<NdArray> testOutputs, Func<string, ReproductionTolerance> tolerance, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(testInputs);
        ArgumentNullException.ThrowIfNull(testOutputs);
        ArgumentNullException.ThrowIfNull(tolerance);
        var sizesLocation = new Location(file, 0, 0, ParameterizedPath(description));
        if (description.Inputs.FirstOrDefault(t => testInputs[t.Id] is not NdArray<float>) is { } notFloat)
            return Checked($"not run: input '{notFloat.Id}' is {testInputs[notFloat.Id].DType.Name()} after preprocessing, the size runs feed float32", sizesLocation);

        var testShapes = description.Inputs.ToDictionary(t => t.Id, t => testInputs[t.Id].Shape.ToArray(), StringComparer.Ordinal);
        List<SizeCase> cases;
        try
        {
            cases = Cases(description, testShapes);
        }
        catch (NotSupportedException e)
        {
            return Checked($"not run: {e.Message}", sizesLocation);
        }

        var entries = new List<ValidationEntry>();
        var runs = new List<SizeRunFigures>();
        var single = new Dictionary<string, NdArray[]>(StringComparer.Ordinal) { [Key(testShapes)] = [.. testOutputs] };
        var owned = new List<NdArray>();
        try
        {
            foreach (var sizeCase in cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report($"running the model at {sizeCase.Name}");
                var batch = sizeCase.BatchSize > 1;
                int before = entries.Count;
                var (figures, outputs, failure) = RunCase(session, description, sizeCase, testInputs, cancellationToken);
                owned.AddRange(outputs);
                var id = batch ? "reproduction.batch" : "reproduction.other-sizes";
                var inputs = Describe(figures.Inputs);
                if (failure is not null)
                    entries.Add(new ValidationEntry(id, Severity.Error, $"{sizeCase.Name}: the model fails on {inputs}: {failure}", new Location(file, 0, 0, batch ? "inputs[0].axes[0]" : sizesLocation.FieldPath)));
                for (int j = 0; j < figures.Outputs.Count; j++)
                {
                    var o = figures.Outputs[j];
                    if (!o.Matches)
                        entries.Add(new ValidationEntry(id, Severity.Error,
                            $"{sizeCase.Name}: on {inputs} output '{o.TensorId}' has shape [{string.Join(",", o.Shape)}], the description implies [{string.Join(",", o.Expected)}]",
                            new Location(file, 0, 0, $"outputs[{j}].axes")));
                }
                double? batchDifference = null;
                if (failure is null && figures.Outputs.All(o => o.Matches))
                {
                    if (!batch) single[Key(sizeCase.Shapes)] = outputs;
                    else if (single.TryGetValue(Key(Unbatched(sizeCase.Shapes, description)), out var alone))
                        batchDifference = CompareFirstEntry(description, outputs, alone, tolerance, inputs, file, entries);
                }
                runs.Add(figures with { Passed = entries.Count == before, BatchMaxAbsDifference = batchDifference });
            }
        }
        finally
        {
            foreach (var array in owned) array.Dispose();
        }
        if (entries.Count > 0) return new OtherSizesOutcome(entries, runs);
        if (runs.Count == 0)
            return Checked("no other size applies: every input axis has a fixed size (or references one) and the batch size is fixed", sizesLocation);
        var summary = string.Join("; ", runs.Select(r => $"{r.Case}: {Describe(r.Inputs)} → {Describe(r.Outputs)}" +
            (r.BatchMaxAbsDifference is { } d ? string.Create(CultureInfo.InvariantCulture, $" (entry 0 vs alone: max |Δ| {d:G3})") : "")));
        return new OtherSizesOutcome([new ValidationEntry("reproduction.sizes-checked", Severity.Info,
            $"{runs.Count} run(s) at other sizes, every output shape as described: {summary}", sizesLocation)], runs);
    }

    /// <summary>The sizes to run: n = 0, 1, 2 and the test size + one step at batch 1 (without repeats or the test size itself), then batch 2 at the smallest.</summary>
    private static List<SizeCase> Cases(ModelDescr description, Dictionary<string, int[]> testShapes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(testShapes) };
        var cases = new List<SizeCase>();
        void Add(string name, int batch, Func<string, int, ParameterizedSize, int> choose)
        {
            var shapes = DescribedShapes.Inputs(description, batch, choose);
            if (seen.Add(Key(shapes))) cases.Add(new SizeCase(name, batch, shapes));
        }
        for (int n = 0; n <= 2; n++)
        {
            int k = n;
            Add($"n={k} (min + {k}·step)", 1, (_, _, p) => p.Min + k * p.Step);
        }
        Add("test size + 1 step", 1, (id, axis, p) => testShapes[id][axis] + p.Step);
        // Batch 2 runs after n = 0 (or the test run, when that is the same size), whose outputs entry 0 is compared with.
        bool batchFree = description.Inputs.Any(t => t.Axes.Any(a => a is BatchAxis { Size: null }));
        bool batchFirst = description.Inputs.All(t => t.Axes.Skip(1).All(a => a is not BatchAxis));
        if (batchFree && batchFirst)
            cases.Add(new SizeCase("batch 2 at n=0", 2, DescribedShapes.Inputs(description, 2, (_, _, p) => p.Min)));
        return cases;
    }

    private static (SizeRunFigures Figures, NdArray[] Outputs, string? Failure) RunCase(InferenceSession session, ModelDescr description, SizeCase sizeCase,
        IReadOnlyDictionary<string, NdArray> testInputs, CancellationToken cancellationToken)
    {
        var inputFigures = description.Inputs.Select(t => new TensorShapeFigure(t.Id, [.. sizeCase.Shapes[t.Id]], [])).ToList();
        var expected = DescribedShapes.Outputs(description, sizeCase.Shapes, sizeCase.BatchSize);
        var arrays = description.Inputs.Select(t => Resize((NdArray<float>)testInputs[t.Id], sizeCase.Shapes[t.Id], t)).ToList();
        var values = new List<OrtValue>();
        try
        {
            foreach (var array in arrays) values.Add(OrtValue.FromNdArray(array));
            using var results = session.Run(session.InputMetadata.Select(m => m.Name).ToList(), values,
                session.OutputMetadata.Select(m => m.Name).ToList(), cancellationToken);
            var outputs = new NdArray[description.Outputs.Count];
            var outputFigures = new List<TensorShapeFigure>();
            for (int j = 0; j < outputs.Length; j++)
            {
                var raw = results[j].ToNdArray();
                outputs[j] = raw is NdArray<float> ? raw : raw.ToFloat32();
                if (!ReferenceEquals(raw, outputs[j])) raw.Dispose();
                var id = description.Outputs[j].Id;
                outputFigures.Add(new TensorShapeFigure(id, outputs[j].Shape, [.. expected[id]]));
            }
            return (new SizeRunFigures(sizeCase.Name, sizeCase.BatchSize, inputFigures, outputFigures, true), outputs, null);
        }
        catch (OrtException e)
        {
            return (new SizeRunFigures(sizeCase.Name, sizeCase.BatchSize, inputFigures, [], false), [], "ONNX Runtime: " + string.Join(" ", e.OrtMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
        finally
        {
            foreach (var value in values) value.Dispose();
            foreach (var array in arrays) array.Dispose();
        }
    }

    /// <summary>
    /// The test input cropped or reflect-padded, centred, to <paramref name="shape"/>; a second batch entry (batch axis
    /// first, see <see cref="Cases"/>) is the first mirrored along the last axis, so that mixing across the batch shows.
    /// </summary>
    private static NdArray<float> Resize(NdArray<float> test, int[] shape, InputTensorDescr input)
    {
        int batchAxis = input.Axes.Items.IndexOf(input.Axes.FirstOrDefault(a => a is BatchAxis)!);
        int batch = batchAxis >= 0 ? shape[batchAxis] : 1;
        var one = (int[])shape.Clone();
        if (batchAxis >= 0) one[batchAxis] = 1;
        var origin = test.Shape.Select((s, d) => (s - one[d]) / 2).ToArray();
        var result = new NdArray<float>(shape, test.Axes.AsSpan());
        var first = result.Span[..checked((int)NdArray.ElementCount(one))];
        ReflectPad.Extract(test, origin, one, first);
        int row = shape[^1];
        for (int b = 1; b < batch; b++)
        {
            var entry = result.Span.Slice(b * first.Length, first.Length);
            first.CopyTo(entry);
            for (int start = 0; start < entry.Length; start += row) entry.Slice(start, row).Reverse();
        }
        return result;
    }

    /// <summary>Compares batch entry 0 of each output with the run of the same input alone; adds a <c>reproduction.batch</c> error per mismatch.</summary>
    private static double CompareFirstEntry(ModelDescr description, NdArray[] batched, NdArray[] alone, Func<string, ReproductionTolerance> tolerance,
        string inputs, string file, List<ValidationEntry> entries)
    {
        double worst = 0;
        for (int j = 0; j < batched.Length; j++)
        {
            var output = description.Outputs[j];
            if (output.Axes.Count == 0 || output.Axes[0] is not BatchAxis) continue;
            var all = batched[j].As<float>();
            var entryShape = all.Shape.ToArray();
            entryShape[0] = 1;
            var first = new NdArray<float>(all.Memory[..checked((int)NdArray.ElementCount(entryShape))], entryShape, all.Axes.AsSpan());
            var reference = alone[j].As<float>().Reshape(entryShape, all.Axes.AsSpan());
            var (figures, _) = ReproductionTest.Compare(output.Id, first, reference, tolerance(output.Id));
            worst = Math.Max(worst, figures.MaxAbsoluteDifference);
            if (!figures.Passed)
                entries.Add(new ValidationEntry("reproduction.batch", Severity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"batch 2: entry 0 of output '{output.Id}' differs from the same input run alone ({inputs}): max |Δ| {figures.MaxAbsoluteDifference:G3}, " +
                    $"{figures.Mismatched} of {figures.Elements} elements ({figures.MismatchedPerMillion:G4} ppm) outside {figures.Tolerance}"),
                    new Location(file, 0, 0, $"outputs[{j}].axes[0]")));
        }
        return worst;
    }

    private static Dictionary<string, int[]> Unbatched(Dictionary<string, int[]> shapes, ModelDescr description) =>
        description.Inputs.ToDictionary(t => t.Id, t => shapes[t.Id].Select((s, d) => t.Axes[d] is BatchAxis ? 1 : s).ToArray(), StringComparer.Ordinal);

    private static string ParameterizedPath(ModelDescr description)
    {
        for (int i = 0; i < description.Inputs.Count; i++)
        {
            for (int k = 0; k < description.Inputs[i].Axes.Count; k++)
                if (SpecDigest.InputSize(description.Inputs[i].Axes[k]) is ParameterizedSize) return $"inputs[{i}].axes[{k}].size";
        }
        return "inputs";
    }

    private static string Key(IReadOnlyDictionary<string, int[]> shapes) =>
        string.Join(";", shapes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{string.Join(",", p.Value)}"));

    private static string Describe(IEnumerable<TensorShapeFigure> tensors) =>
        string.Join(", ", tensors.Select(t => $"'{t.TensorId}' [{string.Join(",", t.Shape)}]"));

    private static OtherSizesOutcome Checked(string message, Location location) =>
        new([new ValidationEntry("reproduction.sizes-checked", Severity.Info, message, location)], []);
}
