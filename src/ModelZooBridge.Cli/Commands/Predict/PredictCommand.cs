using System.CommandLine;
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
            var results = new List<(string Input, string[] Outputs, PredictionResult Result)>();
            foreach (var (source, target) in jobs)
            {
                try
                {
                    results.Add(PredictOne(predictor, source, target, axes, tile, ui, cancellationToken));
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

    private static (string Input, string[] Outputs, PredictionResult Result) PredictOne(
        EnsemblePredictor predictor, string source, string target, AxisId[]? axes, int[]? tile, ConsoleUi ui, CancellationToken cancellationToken)
    {
        using var reader = ImageFiles.OpenReader(source, axes);
        var calibration = reader.Info.Calibration;
        var image = ImageFiles.ReadAll(reader, cancellationToken);
        long blocks = predictor.BlockCount(image, tile);
        var result = ui.WithProgress($"Predicting {Path.GetFileName(source)}", blocks, progress => tile is null
            ? predictor.Predict(image, progress, cancellationToken)
            : predictor.PredictWithFixedBlocks(image, tile, progress, cancellationToken));
        var paths = new string[result.Outputs.Count];
        for (int k = 0; k < paths.Length; k++)
        {
            paths[k] = k == 0 ? target
                : Path.Combine(Path.GetDirectoryName(target)!, $"{Path.GetFileNameWithoutExtension(target)}-{result.OutputIds[k]}{Path.GetExtension(target)}");
            var array = result.Outputs[k];
            if (array.IndexOf(AxisId.Batch) >= 0 && array.SizeOf(AxisId.Batch) == 1) array = array.Squeeze(AxisId.Batch);
            Directory.CreateDirectory(Path.GetDirectoryName(paths[k])!);
            ImageFiles.Write(paths[k], array, calibration);
        }
        return (source, paths, result);
    }

    /// <summary>(input, output) pairs: one file, or every image in a folder into the output folder (same names); null when the input does not exist.</summary>
    private static List<(string Input, string Output)>? Jobs(string input, string output)
    {
        if (File.Exists(input)) return [(input, output)];
        if (!Directory.Exists(input)) return null;
        return [.. Directory.EnumerateFiles(input)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, Path.Combine(output, Path.GetFileName(f))))];
    }

    private static void Report(ConsoleUi ui, bool json, bool folder, List<(string Input, string[] Outputs, PredictionResult Result)> results)
    {
        if (!json)
        {
            foreach (var (source, outputs, result) in results)
            {
                var r = result.Report;
                string tta = r.Transforms.Length > 1 ? $", {r.Transforms.Length} TTA transforms" : "";
                string ensemble = r.Members.Length > 1 ? $", ensemble of {r.Members.Length} ({r.Averaged} outputs averaged)" : "";
                ui.WriteLine($"wrote {outputs[0]}: {result.Output} ({r.Mode}, {r.Blocks} block(s) of {string.Join("x", r.BlockShape)}{tta}{ensemble}, " +
                             $"{r.Provider}, {r.Total.TotalSeconds:F2} s)");
                if (r.FallbackReason is not null) ui.WriteNote($"{source}: fell back to {r.Provider}: {r.FallbackReason}");
            }
            return;
        }
        ui.WriteLine(JsonText.Write(writer =>
        {
            if (folder) writer.WriteStartArray();
            foreach (var item in results) WriteResult(writer, item.Input, item.Outputs, item.Result);
            if (folder) writer.WriteEndArray();
        }));
    }

    private static void WriteResult(Utf8JsonWriter json, string input, string[] outputs, PredictionResult result)
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
        json.WriteStartArray("outputs");
        for (int k = 0; k < outputs.Length; k++)
        {
            json.WriteStartObject();
            json.WriteString("id", result.OutputIds[k]);
            json.WriteString("path", outputs[k]);
            WriteInts(json, "shape", result.Outputs[k].Shape);
            json.WriteString("axes", result.Outputs[k].AxesString);
            json.WriteString("dtype", result.Outputs[k].DType.Name());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
