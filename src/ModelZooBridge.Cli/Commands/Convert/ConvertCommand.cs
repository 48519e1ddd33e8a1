using System.CommandLine;
using ModelZooBridge.Arrays;
using ModelZooBridge.Cli.Commands.Info;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Cli.Commands.Convert;

/// <summary>Runs <c>mzb convert</c>.</summary>
public static class ConvertCommand
{
    /// <summary>Converts, with a progress bar over planes when interactive.</summary>
    public static int Execute(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var input = parse.GetValue(ConvertCommandDefinition.Input)!.FullName;
        var output = parse.GetValue(ConvertCommandDefinition.Output)!.FullName;
        var dtypeName = parse.GetValue(ConvertCommandDefinition.DType);
        var axes = parse.GetValue(ConvertCommandDefinition.Axes);
        var options = new ConversionOptions
        {
            DType = dtypeName is null ? null : DTypes.TryParse(dtypeName, out var d) ? d : null,
            Write = new ImageWriteOptions
            {
                Deflate = parse.GetValue(ConvertCommandDefinition.Deflate),
                BigTiff = parse.GetValue(ConvertCommandDefinition.BigTiff) ? true : null,
            },
        };
        ImageFiles.FormatOf(output);
        using var reader = ImageFiles.OpenReader(input, axes is null ? null : AxisId.ParseAll(axes));
        var written = ui.WithProgress($"Converting {Path.GetFileName(input)}", reader.Info.PlaneCount,
            progress => ImageConversion.Convert(reader, output, options, progress, cancellationToken));

        if (parse.GetValue(ConvertCommandDefinition.Json))
        {
            ui.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("input", input);
                json.WriteString("output", output);
                InfoCommand.WriteImage(json, written);
                json.WriteEndObject();
            }));
        }
        else
        {
            ui.WriteLine($"wrote {output}: {written}");
        }
        return ExitCodes.Success;
    }
}
