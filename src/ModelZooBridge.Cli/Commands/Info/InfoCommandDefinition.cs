using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary><c>mzb info FILE</c>: what an image file or a model package holds.</summary>
public static class InfoCommandDefinition
{
    /// <summary>The image file or model package.</summary>
    public static readonly Argument<FileInfo> File = new("file") { Description = "A .tif/.tiff, .npy or .png file, or a model package (.zip, folder, rdf.yaml / *.bioimageio.yaml)" };

    /// <summary>Memory budget for the tile plan of a package (MiB).</summary>
    public static readonly Option<int?> Memory = new("--memory")
    {
        Description = "For a package: also show the block plan mzb predict would use within this memory budget (MiB) for the --image",
    };

    /// <summary>The image the tile plan is made for.</summary>
    public static readonly Option<FileInfo?> Image = new("--image")
    {
        Description = "For a package with --memory: the image to plan (only its header is read)",
    };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("info",
            "Show an image's shape, dtype, axes and calibration; or a model package's inputs, outputs, processing, weights, tile constraints " +
            "and halo (declared, or estimated by probing the ONNX weights when none is declared and ONNX Runtime is available)") { File, Memory, Image, Json };
        Memory.Validators.Add(result =>
        {
            if (result.GetValue(Memory) is < 1) result.AddError("--memory must be at least 1 MiB");
            if ((result.GetValue(Memory) is null) != (result.GetResult(Image) is null)) result.AddError("--memory and --image go together");
        });
        command.SetAction((parse, token) => Task.FromResult(InfoCommand.Execute(parse, ui, token)));
        return command;
    }
}
