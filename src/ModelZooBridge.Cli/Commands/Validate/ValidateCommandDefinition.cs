using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Validate;

/// <summary><c>mzb validate PACKAGE</c>: is a bioimage.io model package consistent?</summary>
public static class ValidateCommandDefinition
{
    /// <summary>The package: a .zip, a folder, or its rdf.yaml.</summary>
    public static readonly Argument<string> Package = new("package") { Description = "A package .zip, a package folder, or its rdf.yaml / *.bioimageio.yaml" };

    /// <summary>Only the static checks.</summary>
    public static readonly Option<bool> Static = new("--static") { Description = "Run only the static checks (spec, files, sha256, ONNX against the spec); without it the test outputs are also reproduced through ONNX Runtime" };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("validate",
            "Check a bioimage.io model package: the description against the spec, every referenced file and sha256, test tensors against their axes, " +
            "and the ONNX weights against the description; then (unless --static) reproduce the test outputs from the test inputs through ONNX Runtime " +
            "with the bioimage.io tolerances. Exit 0 when valid, 1 when not, 2 when the package cannot be read, 3 when ONNX Runtime is unavailable.")
        {
            Package, Static, Json,
        };
        command.SetAction((parse, token) => Task.FromResult(ValidateCommand.Execute(parse, ui, token)));
        return command;
    }
}
