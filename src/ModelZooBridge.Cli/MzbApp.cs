using System.CommandLine;
using ModelZooBridge.Cli.Commands.Convert;
using ModelZooBridge.Cli.Commands.Evaluate;
using ModelZooBridge.Cli.Commands.Export;
using ModelZooBridge.Cli.Commands.Fiji;
using ModelZooBridge.Cli.Commands.Info;
using ModelZooBridge.Cli.Commands.Predict;
using ModelZooBridge.Cli.Commands.Train;
using ModelZooBridge.Cli.Commands.Validate;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Cli;

/// <summary>The <c>mzb</c> command tree and its error policy: one line on stderr and a documented exit code.</summary>
public static class MzbApp
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand CreateRoot(ConsoleUi ui)
    {
        var root = new RootCommand("ModelZooBridge host: bioimage.io segmentation models for Fiji.\n" + ExitCodes.HelpText)
        {
            InfoCommandDefinition.Create(ui),
            ConvertCommandDefinition.Create(ui),
            ValidateCommandDefinition.Create(ui),
            TrainCommandDefinition.Create(ui),
            ExportCommandDefinition.Create(ui),
            PredictCommandDefinition.Create(ui),
            EvaluateCommandDefinition.Create(ui),
            FijiCommandDefinition.Create(ui),
        };
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, ConsoleUi ui)
    {
        var root = CreateRoot(ui);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) ui.WriteError(error.Message);
            ui.WriteNote("run with --help for usage");
            return ExitCodes.UsageOrInput;
        }
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = ui.OutputWriter,
            Error = ui.ErrorWriter,
        };
        try
        {
            return parse.Invoke(configuration);
        }
        catch (OperationCanceledException)
        {
            ui.WriteError("interrupted; nothing was written");
            return ExitCodes.Cancelled;
        }
        catch (DllNotFoundException error)
        {
            ui.WriteError(string.Join(" ", error.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            return ExitCodes.BackendUnavailable;
        }
        catch (Exception error) when (error is ImageFormatException or IOException or UnauthorizedAccessException)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }
    }
}
