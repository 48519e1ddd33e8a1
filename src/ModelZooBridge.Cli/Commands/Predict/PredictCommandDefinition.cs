using System.CommandLine;
using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Cli.Commands.Predict;

/// <summary><c>mzb predict --model PKG --input IN --output OUT</c>: run a model's ONNX weights on an image, tiled when needed.</summary>
public static class PredictCommandDefinition
{
    /// <summary>The model package, or several for an ensemble.</summary>
    public static readonly Option<string[]> Model = new("--model", "-m")
    {
        Description = "Model package: a folder or .zip with rdf.yaml/bioimageio.yaml and ONNX weights. Give it several times for an " +
                      "ensemble: the members' outputs are averaged (before postprocessing when all share the same processing, else after)",
        Required = true,
    };

    /// <summary>Input image or folder; <c>ID=PATH</c> once per input for models with several inputs.</summary>
    public static readonly Option<string[]> Input = new("--input", "-i")
    {
        Description = "Input image (.tif/.tiff, .npy, .png) or a folder of them. For a model with several inputs give ID=PATH per input " +
                      "id (e.g. -i image=raw.tif -i mask=mask.tif; one plain PATH fills the one input left unnamed); folders are paired by file name",
        Required = true,
    };

    /// <summary>Output image or folder.</summary>
    public static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "Output image (format by extension, written atomically with the input's calibration), or a folder for a folder input",
        Required = true,
    };

    /// <summary>Names of the input's axes; <c>ID=AXES</c> for one input of several.</summary>
    public static readonly Option<string[]> Axes = new("--axes")
    {
        Description = "Name the input's axes, one letter per dimension (e.g. cyx); needed for .npy, which stores none (default by rank: yx, zyx, " +
                      "czyx). ID=AXES names one input's axes (give it once per input)",
    };

    /// <summary>Fixed block size.</summary>
    public static readonly Option<string?> Tile = new("--tile")
    {
        Description = "Block size (halo included) for the tiled axes: one N for all, or one per axis in the model's order (e.g. 256,256). " +
                      "Default: one block when the image fits --memory, otherwise the cheapest block shape within it",
    };

    /// <summary>Overlap of blocks.</summary>
    public static readonly Option<int?> Overlap = new("--overlap")
    {
        Description = "Overlap of neighbouring blocks in pixels, blended (default: 0 for models with a halo, 16 for models without)",
    };

    /// <summary>Execution provider.</summary>
    public static readonly Option<string> Device = new("--device")
    {
        Description = "auto, cpu, cuda or cuda:N (auto falls back to CPU and says why)",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>Memory budget in MiB.</summary>
    public static readonly Option<int> Memory = new("--memory")
    {
        Description = "Memory budget in MiB (default 1024): bounds one batch of blocks; an image whose in-memory prediction would exceed it is streamed slab by slab within it",
        DefaultValueFactory = _ => 1024,
    };

    /// <summary>ORT intra-op threads.</summary>
    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "Engine threads (default: the processor count)",
    };

    /// <summary>Test-time augmentation.</summary>
    public static readonly Option<bool> Tta = new("--tta")
    {
        Description = "Test-time augmentation: run every block flipped and rotated in the y,x plane (8 transforms; 16 with a z flip for " +
                      "volumes), undo each on the outputs and average. Blocks that are not square get the 4 (8) flips only",
    };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("predict",
            "Run a bioimage.io model's ONNX weights on an image: preprocessing on the whole image, blocks cropped by the model's halo " +
            "(or blended when it declares none), postprocessing on the merged output.")
        {
            Model, Input, Output, Axes, Tile, Overlap, Device, Memory, Threads, Tta, Json,
        };
        Tile.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && ParseTile(value) is null)
                result.AddError($"--tile '{value}' is not a list of positive integers (N or N,N,...)");
        });
        Input.Validators.Add(result =>
        {
            var values = result.GetValueOrDefault<string[]>() ?? [];
            if (values.Count(v => InputArgument.Parse(v).Id is null) > 1)
                result.AddError("give --input PATH once; further inputs as --input ID=PATH");
            if (values.Select(v => InputArgument.Parse(v).Id).Where(id => id is not null).GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
                result.AddError($"--input {twice.Key}=... is given twice");
        });
        Axes.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                try { AxisId.ParseAll(InputArgument.Parse(value).Value); }
                catch (ArgumentException error) { result.AddError($"--axes '{value}': {error.Message}"); }
            }
        });
        Device.Validators.Add(result =>
        {
            try { DeviceRequest.Parse(result.GetValueOrDefault<string>() ?? "auto"); }
            catch (FormatException error) { result.AddError($"--device: {error.Message}"); }
        });
        Overlap.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0) result.AddError("--overlap must be ≥ 0");
        });
        Memory.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--memory must be ≥ 1 MiB");
        });
        Threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--threads must be ≥ 1");
        });
        command.SetAction((parse, token) => Task.FromResult(PredictCommand.Execute(parse, ui, token)));
        return command;
    }

    /// <summary>Parses <c>N[,N...]</c>; null when malformed.</summary>
    public static int[]? ParseTile(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1) return null;
        }
        return sizes;
    }
}
