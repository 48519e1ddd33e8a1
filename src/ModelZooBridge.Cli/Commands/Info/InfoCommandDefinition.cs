using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary><c>mzb info FILE</c>: what an image file or a model package holds.</summary>
public static class InfoCommandDefinition
{
    /// <summary>The image file or model package.</summary>
    public static readonly Argument<FileInfo> File = new("file") { Description = "A .tif/.tiff, .npy or .png file, or a model package (.zip, folder, rdf.yaml / *.bioimageio.yaml)" };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("info",
            "Show an image's shape, dtype, axes and calibration; or a model package's inputs, outputs, processing, weights, tile constraints " +
            "and halo (declared, or estimated by probing the ONNX weights when none is declared and ONNX Runtime is available)") { File, Json };
        command.SetAction((parse, token) => Task.FromResult(InfoCommand.Execute(parse, ui, token)));
        return command;
    }
}
