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
        var input = Path.GetFullPath(parse.GetValue(PredictCommandDefinition.Input)!);
        var output = Path.GetFullPath(parse.GetValue(PredictCommandDefinition.Output)!);
        var tileText = parse.GetValue(PredictCommandDefinition.Tile);
        var axesText = parse.GetValue(PredictCommandDefinition.Axes);
        var axes = axesText is null ? null : AxisId.ParseAll(axesText);
        var tile = tileText is null ? null : PredictCommandDefinition.ParseTile(tileText);
        var options = new PredictorOptions
        {
            Device = DeviceRequest.Parse(parse.GetValue(PredictCommandDefinition.Device) ?? "auto"),
            MemoryBudgetBytes = (long)parse.GetValue(PredictCommandDefinition.Memory) << 20,
            Overlap = parse.GetValue(PredictCommandDefinition.Overlap),
            IntraOpThreads = parse.GetValue(PredictCommandDefinition.Threads) ?? Environment.ProcessorCount,
            TestTimeAugmentation = parse.GetValue(PredictCommandDefinition.Tta),
        };
        var jobs = Jobs(input, output);
        if (jobs is null || jobs.Count == 0)
        {
            ui.WriteError(jobs is null ? $"{input}: no such file or folder" : $"{input}: no .tif, .tiff, .npy or .png images");
            return ExitCodes.UsageOrInput;
        }
        foreach (var (_, target) in jobs) ImageFiles.FormatOf(target);

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
            var results = new List<(string Input, PredictionFileResult Result, double? FirstBlockSeconds)>();
            foreach (var (source, target) in jobs)
            {
                try
                {
                    results.Add(PredictOne(predictor, source, target, axes, tile, options.MemoryBudgetBytes, ui, cancellationToken));
                }
                catch (Exception error) when (error is ArgumentException or NotSupportedException)
                {
                    ui.WriteError($"{source}: {(error is ArgumentException a && a.ParamName is not null ? a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal) : error.Message)}");
                    return ExitCodes.UsageOrInput;
                }
            }
            Report(ui, parse.GetValue(PredictCommandDefinition.Json), Directory.Exists(input), results);
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// Predicts one file: slab by slab (<see cref="Predictor.PredictFile"/>) when a single model's in-memory prediction
    /// would exceed the memory budget and nothing prevents streaming, otherwise in memory.
    /// </summary>
    private static (string Input, PredictionFileResult Result, double? FirstBlockSeconds) PredictOne(
        EnsemblePredictor ensemble, string source, string target, AxisId[]? axes, int[]? tile, long budgetBytes, ConsoleUi ui, CancellationToken cancellationToken)
    {
        using var reader = ImageFiles.OpenReader(source, axes);
        var info = reader.Info;
        var predictor = ensemble.Members[0];
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
                    progress => predictor.PredictFile(source, target, axes, tile, streamClock.Wrap(progress), cancellationToken));
                return (source, streamed, streamClock.Seconds);
            }
        }
        var calibration = info.Calibration;
        var image = ImageFiles.ReadAll(reader, cancellationToken);
        long blocks = ensemble.BlockCount(image, tile);
        var clock = new FirstBlockClock();
        var result = ui.WithProgress($"Predicting {Path.GetFileName(source)}", blocks, progress => tile is null
            ? ensemble.Predict(image, clock.Wrap(progress), cancellationToken)
            : ensemble.PredictWithFixedBlocks(image, tile, clock.Wrap(progress), cancellationToken));
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
        return (source, new PredictionFileResult(result.OutputIds, paths, infos, result.Report), clock.Seconds);
    }

    /// <summary>
    /// (input, output) pairs: one file, or every image in a folder into the output folder under the same names (PNG inputs
    /// become TIFF outputs: PNG cannot hold the float32 probabilities); null when the input does not exist.
    /// </summary>
    private static List<(string Input, string Output)>? Jobs(string input, string output)
    {
        if (File.Exists(input)) return [(input, output)];
        if (!Directory.Exists(input)) return null;
        return [.. Directory.EnumerateFiles(input)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, Path.Combine(output, Path.GetExtension(f).Equals(".png", StringComparison.OrdinalIgnoreCase)
                ? Path.GetFileNameWithoutExtension(f) + ".tif"
                : Path.GetFileName(f))))];
    }

    private static void Report(ConsoleUi ui, bool json, bool folder, List<(string Input, PredictionFileResult Result, double? FirstBlockSeconds)> results)
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
            foreach (var item in results) WriteResult(writer, item.Input, item.Result, item.FirstBlockSeconds);
            if (folder) writer.WriteEndArray();
        }));
    }

    private static void WriteResult(Utf8JsonWriter json, string input, PredictionFileResult result, double? firstBlockSeconds)
    {
        var r = result.Report;
        json.WriteStartObject();
        json.WriteString("input", input);
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

    /// <summary>Passes block counts on and notes when the first block finished, in seconds since the process started (time to first tile).</summary>
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
