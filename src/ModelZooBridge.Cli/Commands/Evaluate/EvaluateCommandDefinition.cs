using System.CommandLine;
using System.Globalization;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Cli.Commands.Evaluate;

/// <summary><c>mzb evaluate --prediction P --truth T</c>: segmentation scores of predictions against ground truth.</summary>
public static class EvaluateCommandDefinition
{
    /// <summary>Prediction image or folder.</summary>
    public static readonly Option<string> Prediction = new("--prediction", "-p")
    {
        Description = "Predicted image or folder: label images, probability/logit maps with a channel axis (argmax), or one-channel probabilities (≥ 0.5 is class 1)",
        Required = true,
    };

    /// <summary>Truth image or folder.</summary>
    public static readonly Option<string> Truth = new("--truth", "-t")
    {
        Description = "Ground-truth label image or folder (integer classes; a 0/255 mask is classes 0 and 1); folders are matched by file name without extension",
        Required = true,
    };

    /// <summary>Class names, which also fix the class count.</summary>
    public static readonly Option<string?> Classes = new("--classes")
    {
        Description = "Class names in label order, comma-separated (e.g. background,membrane); default: class0, class1, … up to the highest label",
    };

    /// <summary>A truth value to leave out.</summary>
    public static readonly Option<double?> Ignore = new("--ignore")
    {
        Description = "Truth value whose pixels are not counted (e.g. an unlabelled marker)",
    };

    /// <summary>Axis names of .npy predictions, which store none.</summary>
    public static readonly Option<string?> Axes = new("--axes")
    {
        Description = "Name the axes of .npy predictions, one letter per dimension (e.g. bcyx for a model's raw output); default by rank: yx, zyx, czyx",
    };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Tab-separated rows, for macros.</summary>
    public static readonly Option<bool> Tsv = new("--tsv") { Description = "Write tab-separated rows (image, class, scores) with a header line, for macros and spreadsheets" };

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("evaluate",
            "Score predicted segmentations against ground truth: per class IoU (Jaccard), F1 (Dice), precision and recall, and pixel accuracy, " +
            "per image, overall (summed confusion matrices) and averaged over images. Exit 2 when an image has no counterpart or the shapes differ.")
        {
            Prediction, Truth, Classes, Ignore, Axes, Json, Tsv,
        };
        Classes.Validators.Add(result =>
        {
            var names = ParseClasses(result.GetValueOrDefault<string?>());
            if (names is { Length: < 2 }) result.AddError("--classes needs at least two names (e.g. background,foreground)");
        });
        Axes.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is null) return;
            try { AxisId.ParseAll(value); }
            catch (ArgumentException error) { result.AddError($"--axes '{value}': {error.Message}"); }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(Json) && result.GetValue(Tsv)) result.AddError("--json and --tsv cannot be combined");
        });
        command.SetAction((parse, token) => Task.FromResult(EvaluateCommand.Execute(parse, ui, token)));
        return command;
    }

    /// <summary>The names of <c>--classes</c>, or null when not given.</summary>
    public static string[]? ParseClasses(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A number as the outputs print it: invariant, 4 decimals; NaN (undefined) as given.</summary>
    public static string Format(double value, string nan) =>
        double.IsNaN(value) ? nan : value.ToString("F4", CultureInfo.InvariantCulture);
}
