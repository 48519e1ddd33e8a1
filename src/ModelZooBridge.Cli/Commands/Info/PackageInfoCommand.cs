using System.Globalization;
using System.Text.Json;
using ModelZooBridge.OnnxRuntime.Prediction;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary><c>mzb info PACKAGE</c>: the description's facts, tile constraints and the halo (declared or probed).</summary>
internal static class PackageInfoCommand
{
    /// <summary>Prints <paramref name="summary"/> (and the tile plan, when one was asked for) as text or JSON.</summary>
    public static int Write(PackageSummary summary, TilePlanSummary? plan, string? planSkipped, bool json, ConsoleUi ui)
    {
        ui.WriteLine(json ? ToJson(summary, plan, planSkipped) : ToText(summary, plan, planSkipped));
        return ExitCodes.Success;
    }

    /// <summary>Human-readable lines.</summary>
    public static string ToText(PackageSummary s, TilePlanSummary? plan, string? planSkipped)
    {
        var lines = new List<string>
        {
            $"package      {s.Path} ({s.DescriptionFile})",
            $"name         {s.Name}",
            $"format       {s.FormatVersion}",
            $"weights      {string.Join(", ", s.Weights.Select(w => $"{w.Format} ({w.Source})"))}",
        };
        foreach (var t in s.Inputs)
        {
            lines.Add($"input  '{t.Id}'  {Axes(t)}");
            lines.Add($"  preprocessing   {Steps(t)}");
            var tiled = t.Axes.Where(a => a.Tile is not null).ToList();
            if (tiled.Count > 0) lines.Add($"  tiling          {string.Join(" · ", tiled.Select(a => $"{a.Id}: {Tile(a.Tile!)}"))}");
            if (t != s.Inputs[0])
            {
                lines.Add(t.Axes.Any(a => a.Type is "space" or "time")
                    ? $"  tiling          cut into the blocks of input '{s.Inputs[0].Id}' (sizes every input admits)"
                    : $"  tiling          none: goes whole with every block of input '{s.Inputs[0].Id}'");
            }
        }
        foreach (var t in s.Outputs)
        {
            lines.Add($"output '{t.Id}'  {Axes(t)}");
            lines.Add($"  postprocessing  {Steps(t)}");
        }
        lines.AddRange(Halo(s));
        if (plan is { } p)
            lines.Add($"tiles        {p.Plan.Mode}: block [{string.Join(",", p.Plan.BlockShape)}], halo [{string.Join(",", p.Plan.Halo.Select(h => h.Left))}], " +
                      $"stride [{string.Join(",", p.Plan.Stride)}], {p.Blocks} block(s) for {p.ImageAxes} [{string.Join(",", p.ImageShape)}] within {p.MemoryMiB} MiB");
        if (planSkipped is not null) lines.Add($"tiles        skipped: {planSkipped}");
        return string.Join(Environment.NewLine, lines);
    }

    private static IEnumerable<string> Halo(PackageSummary s)
    {
        if (s.DeclaresHalo)
        {
            yield return $"halo         declared: {string.Join("; ", s.Inputs.Where(t => t.Axes.Any(a => a.Tile is not null)).Select(t => $"input '{t.Id}' {string.Join(", ", t.Axes.Where(a => a.Tile is not null).Select(a => $"{a.Id} {a.Tile!.Halo}"))}"))}";
            yield break;
        }
        if (s.Estimate is not { } e)
        {
            yield return $"halo         none declared; probe skipped: {s.ProbeSkipped}";
            yield break;
        }
        var probed = e.Axes.Select((a, d) => (Axis: a.Value, d)).Where(p => s.Inputs[0].Axes[p.d].Tile is not null).ToList();
        yield return !e.Responded
            ? $"halo         none declared; estimated: no output changed when single input pixels did ({e.Runs} runs)"
            : $"halo         none declared; estimated by probing {ProbedInputs(s, e)}: " +
              string.Join(", ", probed.Select(p => $"{p.Axis} {(e.ReachesBorder[p.d] ? "≥ " : "")}{e.Radius[p.d]} ({e.Context[p.d].Left} before, {e.Context[p.d].Right} after)")) +
              $"; probe [{string.Join(",", e.ProbeShape)}], {e.Runs} runs";
        if (!e.Responded) yield break;
        foreach (var output in s.Model.Outputs)
        {
            var halo = e.OutputHalo(s.Model, output);
            yield return $"             output '{output.Id}' would declare halo {string.Join(", ", output.Axes.Select((a, k) => (a, k)).Where(p => halo[p.k] > 0).Select(p => $"{p.a.Id.Value} {halo[p.k]}"))}";
        }
    }

    /// <summary>The input the estimate is on, or every input when several were probed (each in turn, on the first's axes).</summary>
    private static string ProbedInputs(PackageSummary s, HaloEstimate e) => s.Inputs.Count == 1
        ? $"input '{e.InputId}'"
        : $"inputs {string.Join(", ", s.Inputs.Select(t => $"'{t.Id}'"))} in turn (axes of '{e.InputId}')";

    private static string Axes(TensorSummary t) =>
        string.Join(" · ", t.Axes.Select(a => $"{a.Type}{(a.Type == a.Id ? "" : " " + a.Id)} {a.Size}{(a.Halo > 0 ? $", halo {a.Halo}" : "")}"));

    private static string Steps(TensorSummary t) => t.Processing.Count == 0 ? "none" : string.Join(" → ", t.Processing);

    private static string Tile(TileAxisSummary t) =>
        (t.Step > 0 ? $"min {t.Min}, step {t.Step}" : $"fixed {t.Min}") + $", halo {t.Halo}" + (t.FixedByGraph is { } g ? $", fixed by the graph to {g}" : "");

    /// <summary>The JSON document.</summary>
    public static string ToJson(PackageSummary s, TilePlanSummary? plan, string? planSkipped) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("path", s.Path);
        json.WriteString("kind", "package");
        json.WriteString("description_file", s.DescriptionFile);
        json.WriteString("name", s.Name);
        json.WriteString("format_version", s.FormatVersion);
        json.WriteStartArray("weights");
        foreach (var (format, source) in s.Weights)
        {
            json.WriteStartObject();
            json.WriteString("format", format);
            json.WriteString("source", source);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteTensors(json, "inputs", "preprocessing", s.Inputs);
        WriteTensors(json, "outputs", "postprocessing", s.Outputs);
        WriteHalo(json, s);
        if (plan is { } p) WritePlan(json, p);
        if (planSkipped is not null) json.WriteString("tiles_skipped", planSkipped);
        json.WriteEndObject();
    });

    private static void WritePlan(Utf8JsonWriter json, TilePlanSummary p)
    {
        json.WriteStartObject("tiles");
        json.WriteString("image", p.Image);
        json.WriteString("image_axes", p.ImageAxes);
        json.WriteNumber("memory_mib", p.MemoryMiB);
        json.WriteString("mode", p.Plan.Mode);
        foreach (var (name, values) in new[] { ("block_shape", p.Plan.BlockShape.ToArray()), ("halo", p.Plan.Halo.Select(h => h.Left).ToArray()), ("stride", p.Plan.Stride.ToArray()) })
        {
            json.WriteStartArray(name);
            foreach (var v in values) json.WriteNumberValue(v);
            json.WriteEndArray();
        }
        json.WriteNumber("blocks", p.Blocks);
        json.WriteEndObject();
    }

    private static void WriteTensors(Utf8JsonWriter json, string name, string processing, IReadOnlyList<TensorSummary> tensors)
    {
        json.WriteStartArray(name);
        foreach (var t in tensors)
        {
            json.WriteStartObject();
            json.WriteString("id", t.Id);
            json.WriteStartArray("axes");
            foreach (var a in t.Axes)
            {
                json.WriteStartObject();
                json.WriteString("id", a.Id);
                json.WriteString("type", a.Type);
                json.WriteString("size", a.Size);
                if (a.Halo > 0) json.WriteNumber("halo", a.Halo);
                if (a.Tile is { } tile)
                {
                    json.WriteStartObject("tile");
                    json.WriteNumber("min", tile.Min);
                    json.WriteNumber("step", tile.Step);
                    json.WriteNumber("halo", tile.Halo);
                    if (tile.FixedByGraph is { } g) json.WriteNumber("fixed_by_graph", g);
                    else json.WriteNull("fixed_by_graph");
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray(processing);
            foreach (var step in t.Processing) json.WriteStringValue(step);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteHalo(Utf8JsonWriter json, PackageSummary s)
    {
        json.WriteStartObject("halo");
        json.WriteString("source", s.DeclaresHalo ? "declared" : s.Estimate is null ? "none" : "estimated");
        if (s.ProbeSkipped is { } reason) json.WriteString("probe_skipped", reason);
        if (s.Estimate is { } e)
        {
            json.WriteString("input", e.InputId);
            json.WriteBoolean("responded", e.Responded);
            json.WriteNumber("runs", e.Runs);
            json.WriteStartArray("probe_shape");
            foreach (var size in e.ProbeShape) json.WriteNumberValue(size);
            json.WriteEndArray();
            json.WriteStartObject("axes");
            for (int d = 0; d < e.Axes.Length; d++)
            {
                if (s.Inputs[0].Axes[d].Tile is null) continue;
                json.WriteStartObject(e.Axes[d].Value);
                json.WriteNumber("radius", e.Radius[d]);
                json.WriteNumber("before", e.Context[d].Left);
                json.WriteNumber("after", e.Context[d].Right);
                json.WriteBoolean("lower_bound", e.ReachesBorder[d]);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartObject("output_halo");
            foreach (var output in s.Model.Outputs)
            {
                var halo = e.OutputHalo(s.Model, output);
                json.WriteStartObject(output.Id);
                for (int k = 0; k < halo.Length; k++)
                    if (halo[k] > 0) json.WriteNumber(output.Axes[k].Id.Value, halo[k]);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
