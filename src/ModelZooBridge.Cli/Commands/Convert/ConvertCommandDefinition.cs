using System.CommandLine;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Cli.Commands.Convert;

/// <summary><c>mzb convert IN OUT</c>: between TIFF, NPY and PNG, plane by plane.</summary>
public static class ConvertCommandDefinition
{
    /// <summary>Source file.</summary>
    public static readonly Argument<FileInfo> Input = new("input") { Description = "Source image (.tif/.tiff, .npy, .png)" };

    /// <summary>Target file.</summary>
    public static readonly Argument<FileInfo> Output = new("output") { Description = "Target image; the format follows the extension. Written atomically" };

    /// <summary>Target dtype.</summary>
    public static readonly Option<string?> DType = new("--dtype")
    {
        Description = "Convert values to this dtype (saturating): " + string.Join(", ", Enum.GetValues<DType>().Select(d => d.Name())),
    };

    /// <summary>Names of the source's axes.</summary>
    public static readonly Option<string?> Axes = new("--axes")
    {
        Description = "Name the source's axes, one letter per dimension (e.g. czyx); needed for .npy, which stores none (default by rank: yx, zyx, czyx, tczyx)",
    };

    /// <summary>Deflate-compressed TIFF.</summary>
    public static readonly Option<bool> Deflate = new("--deflate") { Description = "Deflate-compress a TIFF target" };

    /// <summary>Force BigTIFF.</summary>
    public static readonly Option<bool> BigTiff = new("--bigtiff") { Description = "Write BigTIFF even below 4 GiB (chosen automatically above)" };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("convert",
            "Convert an image between TIFF, NPY and PNG. TIFF stacks read in their natural axis order (ImageJ: t,z,c,y,x; OME: its DimensionOrder) " +
            "with size-1 t, z and c axes dropped; TIFF and PNG targets take ImageJ's t,z,c,y,x order, NPY keeps the shape as it is.")
        {
            Input, Output, DType, Axes, Deflate, BigTiff, Json,
        };
        DType.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DTypes.TryParse(value, out _))
                result.AddError($"--dtype '{value}' is not one of {string.Join(", ", Enum.GetValues<DType>().Select(d => d.Name()))}");
        });
        Axes.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is null) return;
            try { AxisId.ParseAll(value); }
            catch (ArgumentException error) { result.AddError($"--axes '{value}': {error.Message}"); }
        });
        command.SetAction((parse, token) => Task.FromResult(ConvertCommand.Execute(parse, ui, token)));
        return command;
    }
}
