using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Packaging;

namespace ModelZooBridge.Cli.Commands.Predict;

/// <summary>Runs <c>mzb predict</c>.</summary>
public static class PredictCommand
{
    private static readonly string[] ImageExtensions = [".tif", ".tiff", ".npy", ".png"];

    /// <summary>Predicts one image, or every image of a folder into an output folder, with a progress bar over blocks when interactive.</summary>
    public static int Execute(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var inputs = parse.GetValue(PredictCommandDefinition.Input)!.Select(InputArgument.Parse)
            .Select(a => a with { Value = Path.GetFullPath(a.Value) }).ToArray();
        var output = Path.GetFullPath(parse.GetValue(PredictCommandDefinition.Output)!);
        var tileText = parse.GetValue(PredictCommandDefinition.Tile);
        var axes = (parse.GetValue(PredictCommandDefinition.Axes) ?? []).Select(InputArgument.Parse).ToArray();
        var tile = tileText is null ? null : PredictCommandDefinition.ParseTile(tileText);
        var options = new PredictorOptions
        {
            Device = DeviceRequest.Parse(parse.GetValue(PredictCommandDefinition.Device) ?? "auto"),
            MemoryBudgetBytes = (long)parse.GetValue(PredictCommandDefinition.Memory) << 20,
            Overlap = parse.GetValue(PredictCommandDefinition.Overlap),
            IntraOpThreads = parse.GetValue(PredictCommandDefinition.Threads) ?? Environment.ProcessorCount,
            TestTimeAugmentation = parse.GetValue(PredictCommandDefinition.Tta),
        };
        if (inputs.FirstOrDefault(i => !File.Exists(i.Value) && !Directory.Exists(i.Value)) is { } absent)
        {
            ui.WriteError($"{absent.Value}: no such file or folder");
            return ExitCodes.UsageOrInput;
        }

        EnsemblePredictor predictor;
        try
        {
            predictor = EnsemblePredictor.Open(parse.GetValue(PredictCommandDefinition.Model)!, options);
        }
        catch (DllNotFoundException error)
        {
            ui.WriteError(error.Message);
            return ExitCodes.BackendUnavailable;
        }
        catch (Exception error) when (error is PackageException or NotSupportedException or OrtException or FileNotFoundException)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }
        using (predictor)
        {
            var ids = predictor.Members[0].Description.Inputs.Select(i => i.Id).ToArray();
            var sources = SourcesById(ids, inputs, out string? problem);
            var jobs = problem is null ? Jobs(sources!, output, out problem) : null;
            problem ??= axes.FirstOrDefault(a => a.Id is not null && !ids.Contains(a.Id)) is { } stray
                ? $"--axes {stray.Id}=...: the model has no input '{stray.Id}' (it takes {IdList(ids)})"
                : null;
            if (problem is not null)
            {
                ui.WriteError(problem);
                return ExitCodes.UsageOrInput;
            }
            foreach (var job in jobs!) ImageFiles.FormatOf(job.Target);
            var axesById = ids.ToDictionary(id => id, id => (axes.FirstOrDefault(a => a.Id == id) ?? axes.FirstOrDefault(a => a.Id is null)) is { } a
                ? AxisId.ParseAll(a.Value) : null);
            var results = new List<(Job Job, PredictionFileResult Result, double? FirstBlockSeconds)>();
            foreach (var job in jobs)
            {
                try
                {
                    var (result, firstBlockSeconds) = PredictOne(predictor, job, axesById, tile, options.MemoryBudgetBytes, ui, cancellationToken);
                    results.Add((job, result, firstBlockSeconds));
                }
                catch (Exception error) when (error is ArgumentException or NotSupportedException)
                {
                    ui.WriteError($"{job.Sources.Values.First()}: {(error is ArgumentException a && a.ParamName is not null ? a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal) : error.Message)}");
                    return ExitCodes.UsageOrInput;
                }
            }
            Report(ui, parse.GetValue(PredictCommandDefinition.Json), inputs.Any(i => Directory.Exists(i.Value)), results);
        }
        return ExitCodes.Success;
    }

    /// <summary>One prediction: an image file per model input id (in the model's input order) and the first output's file.</summary>
    private sealed record Job(IReadOnlyDictionary<string, string> Sources, string Target);

    /// <summary>
    /// The path given for every model input <paramref name="ids"/>, in their order: <c>ID=PATH</c> for named inputs, and
    /// at most one plain <c>PATH</c> for the one input left unnamed; null with a <paramref name="problem"/> otherwise.
    /// </summary>
    private static Dictionary<string, string>? SourcesById(string[] ids, InputArgument[] inputs, out string? problem)
    {
        problem = null;
        var unnamed = ids.Where(id => inputs.All(i => i.Id != id)).ToArray();
        var plain = inputs.FirstOrDefault(i => i.Id is null);
        if (inputs.FirstOrDefault(i => i.Id is not null && !ids.Contains(i.Id)) is { } unknown)
            problem = $"--input {unknown.Id}=...: the model has no input '{unknown.Id}' (it takes {IdList(ids)})";
        else if (plain is not null && unnamed.Length != 1)
            problem = unnamed.Length == 0
                ? $"{plain.Value}: every input is already named ({IdList(ids)}); give it as --input ID=PATH"
                : $"the model takes {ids.Length} inputs ({IdList(ids)}): name all but one with --input ID=PATH";
        else if (plain is null && unnamed.Length > 0)
            problem = $"no --input {unnamed[0]}=PATH: the model takes {IdList(ids)}";
        return problem is null ? ids.ToDictionary(id => id, id => (inputs.FirstOrDefault(i => i.Id == id) ?? plain!).Value) : null;
    }

    private static string IdList(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => $"'{id}'"));

    /// <summary>
    /// Predicts one job: slab by slab (<see cref="Predictor.PredictFile"/>) when a single model's in-memory prediction of a
    /// single-input image would exceed the memory budget and nothing prevents streaming, otherwise in memory.
    /// </summary>
    private static (PredictionFileResult Result, double? FirstBlockSeconds) PredictOne(EnsemblePredictor ensemble, Job job,
        Dictionary<string, AxisId[]?> axes, int[]? tile, long budgetBytes, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var (firstId, source) = job.Sources.First();
        var target = job.Target;
        var predictor = ensemble.Members[0];
        var readers = new List<IImageReader>();
        try
        {
            foreach (var (id, path) in job.Sources) readers.Add(ImageFiles.OpenReader(path, axes[id]));
            var info = readers[0].Info;
            if (ensemble.Members.Count == 1 && predictor.InMemoryBytes(info) > budgetBytes && ImageFiles.FormatOf(source) != ImageFileFormat.Png)
            {
                if (predictor.StreamingObstacle(info, target) is { } obstacle)
                {
                    ui.WriteNote($"{source}: predicted in memory although it exceeds --memory: {obstacle}");
                }
                else
                {
                    var streamingPlan = predictor.StreamingPlanFor(info, tile);
                    long total = streamingPlan.BlockCount(SampleLayout.TensorShape(info.Axes, info.Shape, predictor.Description.Inputs[0]));
                    var streamClock = new FirstBlockClock();
                    var streamed = ui.WithProgress($"Predicting {Path.GetFileName(source)}", total,
                        progress => predictor.PredictFile(source, target, axes[firstId], tile, streamClock.Wrap(progress), cancellationToken));
                    return (streamed, streamClock.Seconds);
                }
            }
            var images = job.Sources.Keys.Zip(readers).ToDictionary(p => p.First, p => ImageFiles.ReadAll(p.Second, cancellationToken));
            long blocks = ensemble.BlockCount(images[firstId], tile);
            var clock = new FirstBlockClock();
            var result = ui.WithProgress($"Predicting {Path.GetFileName(source)}", blocks, progress => tile is null
                ? ensemble.Predict(images, clock.Wrap(progress), cancellationToken)
                : ensemble.PredictWithFixedBlocks(images, tile, clock.Wrap(progress), cancellationToken));
            var calibration = info.Calibration;
            var paths = new string[result.Outputs.Count];
            for (int k = 0; k < paths.Length; k++)
            {
                paths[k] = PredictionFileResult.OutputPath(target, k, result.OutputIds[k]);
                var array = result.Outputs[k];
                if (array.IndexOf(AxisId.Batch) >= 0 && array.SizeOf(AxisId.Batch) == 1) array = array.Squeeze(AxisId.Batch);
                Directory.CreateDirectory(Path.GetDirectoryName(paths[k])!);
                ImageFiles.Write(paths[k], array, calibration);
            }
            var infos = result.Outputs.Select(o => new ImageInfo(o.DType, o.Shape, o.Axes, calibration)).ToArray();
            return (new PredictionFileResult(result.OutputIds, paths, infos, result.Report), clock.Seconds);
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    /// <summary>
    /// The jobs: one set of files, or every image in the first input's folder (each further input's folder must hold an
    /// image of the same name, any image extension) into the output folder under the same names (PNG inputs become TIFF
    /// outputs: PNG cannot hold the float32 probabilities); null with a <paramref name="problem"/> otherwise.
    /// </summary>
    private static List<Job>? Jobs(Dictionary<string, string> sources, string output, out string? problem)
    {
        problem = null;
        var (firstId, first) = sources.First();
        if (sources.Values.All(File.Exists)) return [new Job(sources, output)];
        if (!sources.Values.All(Directory.Exists))
        {
            problem = $"{first}: give files for every input or folders for every input, not both";
            return null;
        }
        var jobs = new List<Job>();
        foreach (var file in Images(first))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var set = new Dictionary<string, string> { [firstId] = file };
            foreach (var (id, folder) in sources.Skip(1))
            {
                var match = Images(folder).FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == name);
                if (match is null)
                {
                    problem = $"{folder}: no image named {name} for input '{id}' (to go with {file})";
                    return null;
                }
                set[id] = match;
            }
            jobs.Add(new Job(set, Path.Combine(output, Path.GetExtension(file).Equals(".png", StringComparison.OrdinalIgnoreCase)
                ? name + ".tif"
                : Path.GetFileName(file))));
        }
        if (jobs.Count == 0) problem = $"{first}: no .tif, .tiff, .npy or .png images";
        return problem is null ? jobs : null;
    }

    private static IEnumerable<string> Images(string folder) => Directory.EnumerateFiles(folder)
        .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
        .Order(StringComparer.Ordinal);

    private static void Report(ConsoleUi ui, bool json, bool folder, List<(Job Job, PredictionFileResult Result, double? FirstBlockSeconds)> results)
    {
        if (!json)
        {
            foreach (var (_, result, _) in results)
            {
                var r = result.Report;
                string streamed = r.Streamed ? $", streamed in {r.Slabs} slabs within {r.WorkingSetBytes >> 20} MiB" : "";
                string tta = r.Transforms.Length > 1 ? $", {r.Transforms.Length} TTA transforms" : "";
                string ensemble = r.Members.Length > 1 ? $", ensemble of {r.Members.Length} ({r.Averaged} outputs averaged)" : "";
                ui.WriteLine($"wrote {result.OutputPaths[0]}: {result.OutputInfos[0]} ({r.Mode}, {r.Blocks} block(s) of {string.Join("x", r.BlockShape)}{streamed}{tta}{ensemble}, " +
                             $"{r.Provider}, {r.Total.TotalSeconds:F2} s)");
            }
            // The session is shared by every file, so the fallback happened once: say it once.
            if (results.Count > 0 && results[0].Result.Report is { FallbackReason: { } reason } report)
                ui.WriteNote($"fell back to {report.Provider}: {reason}");
            return;
        }
        ui.WriteLine(JsonText.Write(writer =>
        {
            if (folder) writer.WriteStartArray();
            foreach (var item in results) WriteResult(writer, item.Job, item.Result, item.FirstBlockSeconds);
            if (folder) writer.WriteEndArray();
        }));
    }

    private static void WriteResult(Utf8JsonWriter json, Job job, PredictionFileResult result, double? firstBlockSeconds)
    {
        var r = result.Report;
        json.WriteStartObject();
        json.WriteString("input", job.Sources.Values.First());
        json.WriteStartObject("inputs");
        foreach (var (id, path) in job.Sources) json.WriteString(id, path);
        json.WriteEndObject();
        json.WriteString("provider", r.Provider);
        if (r.DeviceId is int device) json.WriteNumber("device_id", device);
        else json.WriteNull("device_id");
        if (r.FallbackReason is null) json.WriteNull("fallback_reason");
        else json.WriteString("fallback_reason", r.FallbackReason);
        json.WriteString("mode", r.Mode);
        WriteInts(json, "tile_shape", r.BlockShape);
        json.WriteString("tile_axes", AxisId.Format(r.BlockAxes));
        WriteInts(json, "halo", r.Halo);
        WriteInts(json, "overlap", r.Overlap);
        json.WriteNumber("tiles", r.Blocks);
        json.WriteNumber("batch_size", r.BatchSize);
        json.WriteBoolean("streamed", r.Streamed);
        json.WriteNumber("slabs", r.Slabs);
        json.WriteNumber("working_set_bytes", r.WorkingSetBytes);
        json.WriteNumber("tta_transforms", r.Transforms.Length);
        json.WriteStartArray("transforms");
        foreach (var name in r.Transforms) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartArray("members");
        foreach (var member in r.Members) json.WriteStringValue(member);
        json.WriteEndArray();
        if (r.Averaged is null) json.WriteNull("averaged");
        else json.WriteString("averaged", r.Averaged);
        json.WriteStartObject("timings_ms");
        json.WriteNumber("preprocessing", Math.Round(r.Preprocessing.TotalMilliseconds, 1));
        json.WriteNumber("inference", Math.Round(r.Inference.TotalMilliseconds, 1));
        json.WriteNumber("merge", Math.Round(r.Merge.TotalMilliseconds, 1));
        json.WriteNumber("postprocessing", Math.Round(r.Postprocessing.TotalMilliseconds, 1));
        json.WriteNumber("total", Math.Round(r.Total.TotalMilliseconds, 1));
        json.WriteEndObject();
        if (firstBlockSeconds is double first) json.WriteNumber("first_block_seconds", Math.Round(first, 3));
        else json.WriteNull("first_block_seconds");
        json.WriteStartArray("outputs");
        for (int k = 0; k < result.OutputPaths.Count; k++)
        {
            var info = result.OutputInfos[k];
            json.WriteStartObject();
            json.WriteString("id", result.OutputIds[k]);
            json.WriteString("path", result.OutputPaths[k]);
            WriteInts(json, "shape", info.Shape);
            json.WriteString("axes", info.AxesString);
            json.WriteString("dtype", info.DType.Name());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Records when the first block finished, in seconds since the process started (time to first tile).</summary>
    private sealed class FirstBlockClock
    {
        public double? Seconds { get; private set; }

        public IProgress<long> Wrap(IProgress<long> inner) => new Forwarder(this, inner);

        private sealed class Forwarder(FirstBlockClock clock, IProgress<long> inner) : IProgress<long>
        {
            public void Report(long value)
            {
                clock.Seconds ??= (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
                inner.Report(value);
            }
        }
    }

    private static void WriteInts(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
