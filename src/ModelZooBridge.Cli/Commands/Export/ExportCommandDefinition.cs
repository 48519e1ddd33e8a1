using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Export;

/// <summary><c>mzb export RUN --out model.zip</c>: a training run as a bioimage.io package.</summary>
public static class ExportCommandDefinition
{
    /// <summary>The run folder.</summary>
    public static readonly Argument<string> Run = new("run") { Description = "A run folder made by mzb train" };

    /// <summary>The package to write.</summary>
    public static readonly Option<string> Out = new("--out", "-o") { Description = "The package .zip to write", Required = true };

    /// <summary>Which checkpoint.</summary>
    public static readonly Option<string> Checkpoint = new("--checkpoint")
    {
        Description = "best (lowest validation loss, the default) or last",
        DefaultValueFactory = _ => "best",
    };

    /// <summary>The model's name.</summary>
    public static readonly Option<string?> Name = new("--name") { Description = "The model's name (default: from the run folder)" };

    /// <summary>The model's description.</summary>
    public static readonly Option<string?> Description = new("--description") { Description = "One-paragraph description of what the model segments" };

    /// <summary>Authors.</summary>
    public static readonly Option<string[]> Authors = new("--author")
    {
        Description = "An author (repeat for several; default: the user name)",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Class names.</summary>
    public static readonly Option<string?> ClassNames = new("--class-names") { Description = "Output class names in label order, comma-separated (e.g. membrane,interior)" };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("export",
            "Write a training run's best (or last) checkpoint as a bioimage.io 0.5 package: rdf.yaml, weights.onnx, a test input/output " +
            "pair from validation data, a cover and documentation with the training details, and config.modelzoobridge for `mzb train --from`.")
        {
            Run, Out, Checkpoint, Name, Description, Authors, ClassNames, Json,
        };
        command.SetAction((parse, token) => Task.FromResult(ExportCommand.Execute(parse, ui, token)));
        return command;
    }
}
