using System.CommandLine;
using System.Text.Json;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime.Validation;
using ModelZooBridge.Spec;
using ModelZooBridge.Validation;
using Spectre.Console;

namespace ModelZooBridge.Cli.Commands.Validate;

/// <summary>Runs <c>mzb validate</c>.</summary>
public static class ValidateCommand
{
    /// <summary>Validates and prints the report; the exit code follows the status.</summary>
    public static int Execute(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parse.GetValue(ValidateCommandDefinition.Package)!);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ImageFormatException(path, "no such file or folder");
        var staticOnly = parse.GetValue(ValidateCommandDefinition.Static);
        // Without --static the test outputs are reproduced through ONNX Runtime; a missing runtime is a
        // DllNotFoundException that MzbApp turns into exit code 3.
        var report = ModelValidator.Validate(path, new ValidationOptions { StaticOnly = staticOnly, IntraOpThreads = 1 }, null, cancellationToken);

        if (parse.GetValue(ValidateCommandDefinition.Json))
            ui.WriteLine(ToJson(report));
        else
            Print(report, ui);
        return report.Status == ValidationStatus.Failed
            ? report.Entries.Any(e => CheckCatalogue.IsUnreadableInput(e.CheckId)) ? ExitCodes.UsageOrInput : ExitCodes.CheckFailed
            : ExitCodes.Success;
    }

    /// <summary>The JSON report: <c>status</c> (passed, valid-format, failed) and <c>checks</c>.</summary>
    public static string ToJson(ValidationReport report) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("package", report.PackagePath);
        json.WriteString("description_file", report.DescriptionFile);
        json.WriteString("format_version", report.FormatVersion);
        json.WriteString("status", StatusName(report.Status));
        json.WriteBoolean("reproduction_run", report.ReproductionRun);
        if (report.ReproductionElapsed is { } elapsed) json.WriteNumber("reproduction_seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteStartArray("reproduction");
        foreach (var f in report.Reproduction)
        {
            json.WriteStartObject();
            json.WriteString("output", f.OutputId);
            json.WriteBoolean("passed", f.Passed);
            json.WriteNumber("elements", f.Elements);
            json.WriteNumber("mismatched", f.Mismatched);
            WriteFinite(json, "mismatched_ppm", f.MismatchedPerMillion);
            WriteFinite(json, "max_abs_difference", f.MaxAbsoluteDifference);
            WriteFinite(json, "max_rel_difference", f.MaxRelativeDifference);
            json.WriteStartObject("tolerance");
            json.WriteNumber("relative_tolerance", f.Tolerance.RelativeTolerance);
            json.WriteNumber("absolute_tolerance", f.Tolerance.AbsoluteTolerance);
            json.WriteNumber("mismatched_elements_per_million", f.Tolerance.MismatchedElementsPerMillion);
            json.WriteString("source", f.Tolerance.Source);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("size_runs");
        foreach (var run in report.SizeRuns) WriteSizeRun(json, run);
        json.WriteEndArray();
        json.WriteStartArray("checks");
        foreach (var entry in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("id", entry.CheckId);
            json.WriteString("severity", entry.Severity.ToString().ToLowerInvariant());
            json.WriteString("message", entry.Message);
            if (entry.Location is { } location) WriteLocation(json, location);
            else json.WriteNull("location");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>One run at another size: case, batch size, input and output shapes (outputs with the sizes the description implies).</summary>
    private static void WriteSizeRun(Utf8JsonWriter json, SizeRunFigures run)
    {
        json.WriteStartObject();
        json.WriteString("case", run.Case);
        json.WriteNumber("batch_size", run.BatchSize);
        json.WriteBoolean("passed", run.Passed);
        if (run.BatchMaxAbsDifference is { } difference) WriteFinite(json, "batch_max_abs_difference", difference);
        foreach (var (name, tensors) in new[] { ("inputs", run.Inputs), ("outputs", run.Outputs) })
        {
            json.WriteStartObject(name);
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.TensorId);
                json.WriteStartArray("shape");
                foreach (var size in tensor.Shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                if (!tensor.Expected.IsEmpty)
                {
                    json.WriteStartArray("expected");
                    foreach (var range in tensor.Expected) json.WriteStringValue(range.ToString());
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>JSON has no NaN: a difference that is NaN (a NaN element, or shapes that differ) is written as null.</summary>
    private static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    private static void WriteLocation(Utf8JsonWriter json, Location location)
    {
        json.WriteStartObject("location");
        json.WriteString("file", location.File);
        if (location.Line > 0)
        {
            json.WriteNumber("line", location.Line);
            json.WriteNumber("column", location.Column);
        }
        json.WriteString("field", location.FieldPath);
        json.WriteEndObject();
    }

    private static string StatusName(ValidationStatus status) => status switch
    {
        ValidationStatus.Passed => "passed",
        ValidationStatus.ValidFormat => "valid-format",
        _ => "failed",
    };

    private static void Print(ValidationReport report, ConsoleUi ui)
    {
        var output = ui.Output;
        output.MarkupLine($"[bold]{Markup.Escape(report.PackagePath)}[/]" +
            (report.DescriptionFile is null ? "" : $" ({Markup.Escape(report.DescriptionFile)}, format {Markup.Escape(report.FormatVersion ?? "?")})"));
        foreach (var entry in report.Entries.OrderByDescending(e => e.Severity))
        {
            var (mark, colour) = entry.Severity switch
            {
                Severity.Error => ("error  ", "red"),
                Severity.Warning or Severity.Alert => ("warning", "yellow"),
                _ => ("info   ", "grey"),
            };
            var where = entry.Location is null ? "" : $" [grey]({Markup.Escape(entry.Location.ToString())})[/]";
            output.MarkupLine($"  [{colour}]{mark}[/] [bold]{Markup.Escape(entry.CheckId)}[/] {Markup.Escape(entry.Message)}{where}");
        }
        var summary = $"{report.Errors.Count} error(s), {report.Warnings.Count} warning(s)";
        output.MarkupLine(report.Status switch
        {
            ValidationStatus.Passed => $"[green]passed[/]: {summary}; test outputs reproduced",
            ValidationStatus.ValidFormat => $"[green]valid-format[/]: {summary}; reproduction of the test outputs was not run",
            _ => $"[red]failed[/]: {summary}",
        });
    }
}
