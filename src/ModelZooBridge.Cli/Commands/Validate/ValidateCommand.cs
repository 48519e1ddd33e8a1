using System.CommandLine;
using System.Text.Json;
using ModelZooBridge.Imaging;
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
        var report = PackageValidator.Validate(path, new ValidationOptions { StaticOnly = true }, null, cancellationToken);

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
