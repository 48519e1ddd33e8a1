using System.CommandLine;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Metrics;

namespace ModelZooBridge.Cli.Commands.Evaluate;

/// <summary>Runs <c>mzb evaluate</c>.</summary>
public static class EvaluateCommand
{
    /// <summary>Scores every pair and prints a table, TSV rows or JSON.</summary>
    public static int Execute(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var prediction = Path.GetFullPath(parse.GetValue(EvaluateCommandDefinition.Prediction)!);
        var truth = Path.GetFullPath(parse.GetValue(EvaluateCommandDefinition.Truth)!);
        var names = EvaluateCommandDefinition.ParseClasses(parse.GetValue(EvaluateCommandDefinition.Classes));
        var axesText = parse.GetValue(EvaluateCommandDefinition.Axes);
        var axes = axesText is null ? null : AxisId.ParseAll(axesText);
        var (pairs, error) = ImagePairs.Match(prediction, truth);
        if (error is not null)
        {
            ui.WriteError(error);
            return ExitCodes.UsageOrInput;
        }
        var evaluator = new SegmentationEvaluator(parse.GetValue(EvaluateCommandDefinition.Ignore));
        var matrices = new List<(string Name, ConfusionMatrix Matrix)>();
        foreach (var pair in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                matrices.Add((pair.Name, evaluator.Compare(ImageFiles.Read(pair.Prediction, PredictionAxes(pair.Prediction, axes)), ImageFiles.Read(pair.Truth))));
            }
            catch (ArgumentException problem)
            {
                ui.WriteError($"{pair.Prediction} vs {pair.Truth}: {problem.Message}");
                return ExitCodes.UsageOrInput;
            }
        }
        EvaluationSummary summary;
        try
        {
            summary = EvaluationSummary.Of(matrices, names?.Length);
        }
        catch (ArgumentException problem)
        {
            ui.WriteError(problem.Message);
            return ExitCodes.UsageOrInput;
        }
        var classNames = names ?? [.. Enumerable.Range(0, summary.ClassCount).Select(k => $"class{k}")];
        var report = new EvaluationReport(summary, classNames, pairs);
        if (parse.GetValue(EvaluateCommandDefinition.Json)) ui.WriteLine(report.ToJson());
        else if (parse.GetValue(EvaluateCommandDefinition.Tsv)) ui.WriteLine(report.ToTsv());
        else ui.WriteLine(report.ToTable());
        return ExitCodes.Success;
    }

    /// <summary>--axes names the dimensions of .npy files only; other formats carry their own axes.</summary>
    private static AxisId[]? PredictionAxes(string path, AxisId[]? axes) =>
        ImageFiles.FormatOf(path) == ImageFileFormat.Npy ? axes : null;
}
