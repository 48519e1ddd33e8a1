using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary><c>mzb info FILE</c>: what an image file holds.</summary>
public static class InfoCommandDefinition
{
    /// <summary>The image file.</summary>
    public static readonly Argument<FileInfo> File = new("file") { Description = "A .tif/.tiff, .npy or .png file" };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("info", "Show an image's shape, dtype, axes and calibration") { File, Json };
        command.SetAction(parse => InfoCommand.Execute(parse, ui));
        return command;
    }
}
