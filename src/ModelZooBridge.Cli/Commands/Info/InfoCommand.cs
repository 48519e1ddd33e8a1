using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Packaging;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary>Runs <c>mzb info</c>.</summary>
public static class InfoCommand
{
    /// <summary>
    /// Prints the image's header facts (reads no pixels), or, for a model package (folder, zip or description file),
    /// its description, tile constraints and halo.
    /// </summary>
    public static int Execute(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(InfoCommandDefinition.File)!.FullName;
        if (IsPackage(path))
        {
            PackageSummary summary;
            try
            {
                summary = PackageSummary.Read(path, cancellationToken);
            }
            catch (PackageException error)
            {
                ui.WriteError(error.Message);
                return ExitCodes.UsageOrInput;
            }
            TilePlanSummary? plan = null;
            string? planSkipped = null;
            if (parse.GetValue(InfoCommandDefinition.Memory) is int memory && parse.GetValue(InfoCommandDefinition.Image) is { } image)
            {
                try
                {
                    plan = TilePlanSummary.For(path, image.FullName, memory);
                }
                catch (DllNotFoundException error)
                {
                    planSkipped = "ONNX Runtime unavailable: " + error.Message.Split('\n')[0].Trim();
                }
                catch (Exception error) when (error is ArgumentException or NotSupportedException or PackageException)
                {
                    ui.WriteError($"{image.FullName}: {error.Message}");
                    return ExitCodes.UsageOrInput;
                }
            }
            return PackageInfoCommand.Write(summary, plan, planSkipped, parse.GetValue(InfoCommandDefinition.Json), ui);
        }
        ImageFileFormat format = ImageFiles.FormatOf(path);
        using var reader = ImageFiles.OpenReader(path);
        var info = reader.Info;
        if (parse.GetValue(InfoCommandDefinition.Json))
        {
            ui.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("path", path);
                json.WriteString("format", format.ToString().ToLowerInvariant());
                WriteImage(json, info);
                json.WriteEndObject();
            }));
            return ExitCodes.Success;
        }
        ui.WriteLine($"file         {path}");
        ui.WriteLine($"format       {format}");
        ui.WriteLine(Describe(info));
        return ExitCodes.Success;
    }

    /// <summary>A folder, a <c>.zip</c>, or a description file name (<see cref="DescriptionFileNames"/>) is a package.</summary>
    private static bool IsPackage(string path) =>
        Directory.Exists(path) || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || DescriptionFileNames.IsDescriptionName(Path.GetFileName(path));

    /// <summary>Human-readable lines for an image: dtype, shape, axes, size, calibration.</summary>
    public static string Describe(ImageInfo info)
    {
        var c = info.Calibration;
        var lines = new List<string>
        {
            $"dtype        {info.DType.Name()}",
            $"shape        {string.Join(" × ", info.Shape)}",
            $"axes         {info.AxesString}",
            $"planes       {info.PlaneCount} of {info.PlaneBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes ({FormatBytes(info.TotalBytes)} in all)",
        };
        lines.Add(c.IsNone
            ? "calibration  none"
            : $"calibration  pixel {G(c.PixelWidth)} × {G(c.PixelHeight)} {c.Unit}" +
              (info.Axes.Contains(AxisId.Z) ? $", z spacing {G(c.PixelDepth)} {c.Unit}" : "") +
              (c.FrameInterval > 0 ? $", frame interval {G(c.FrameInterval)} {c.TimeUnit}" : ""));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Writes an image's facts as JSON properties (shared by <c>info</c> and <c>convert</c>).</summary>
    public static void WriteImage(Utf8JsonWriter json, ImageInfo info)
    {
        json.WriteString("dtype", info.DType.Name());
        json.WriteStartArray("shape");
        foreach (int dim in info.Shape) json.WriteNumberValue(dim);
        json.WriteEndArray();
        json.WriteString("axes", info.AxesString);
        json.WriteNumber("planes", info.PlaneCount);
        json.WriteNumber("bytes", info.TotalBytes);
        var c = info.Calibration;
        json.WriteStartObject("calibration");
        json.WriteNumber("pixel_width", c.PixelWidth);
        json.WriteNumber("pixel_height", c.PixelHeight);
        json.WriteNumber("pixel_depth", c.PixelDepth);
        json.WriteString("unit", c.Unit);
        json.WriteNumber("frame_interval", c.FrameInterval);
        json.WriteString("time_unit", c.TimeUnit);
        json.WriteEndObject();
    }

    private static string G(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F2} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes} bytes",
    };
}
