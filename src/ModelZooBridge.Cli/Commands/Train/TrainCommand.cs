using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelZooBridge.Packaging;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Training;
using Spectre.Console;

namespace ModelZooBridge.Cli.Commands.Train;

/// <summary>Runs <c>mzb train</c>.</summary>
public static class TrainCommand
{
    /// <summary>Starts or resumes a run; a progress bar (epoch, loss, speed, ETA) on stderr when interactive, a line per epoch otherwise.</summary>
    public static async Task<int> ExecuteAsync(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(parse.GetValue(TrainCommandDefinition.Out)!);
        bool resume = parse.GetValue(TrainCommandDefinition.Resume);
        // Load libtorch before anything is written, so a missing engine leaves no half-made run folder.
        _ = TorchRuntime.Version;
        TrainingRun run;
        TrainingData data;
        try
        {
            TrainCommandDefinition.CheckDuration(parse, resume);
            if (resume)
            {
                run = TrainingRun.Open(folder);
                data = run.LoadData(null, cancellationToken);
            }
            else
            {
                var settings = TrainCommandDefinition.Settings(parse);
                settings.Validate();
                data = settings.LoadData(null, cancellationToken);
                run = TrainingRun.Create(folder, settings with { Network = settings.Network with { Classes = data.Mapping.ClassCount } });
            }
        }
        catch (Exception error) when (error is ArgumentException or FormatException or TrainingDataException or InvalidDataException or FileNotFoundException or PackageException)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }
        ui.WriteNote($"{data.Training.Count} training and {data.Validation.Count} validation image(s); {data.SplitDescription}; {data.Mapping.Summary}");

        int? epochs = parse.GetValue(TrainCommandDefinition.Epochs);
        double? minutes = parse.GetValue(TrainCommandDefinition.Minutes);
        TrainerOptions options;
        try
        {
            options = run.TrainerOptions(epochs, minutes);
            options.Validate();
        }
        catch (ArgumentException error)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }

        UNet model;
        try
        {
            model = run.CreateModel(forTraining: true);
        }
        catch (PackageException error)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }
        using var disposeModel = model;
        var trainer = new Trainer(model, data, run.Sampling, options, run.Folder);
        TrainingResult summary;
        try
        {
            summary = await RunWithProgress(ui, trainer, resume, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            ui.WriteError($"interrupted; checkpoint saved in {run.Checkpoints.Folder}; continue with: mzb train --resume --out {run.Folder}");
            return ExitCodes.Cancelled;
        }
        catch (InvalidDataException error)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }
        Report(ui, parse.GetValue(TrainCommandDefinition.Json), run, summary);
        return ExitCodes.Success;
    }

    private static async Task<TrainingResult> RunWithProgress(ConsoleUi ui, Trainer trainer, bool resume, CancellationToken cancellationToken)
    {
        if (!ui.Interactive)
        {
            var lines = new SynchronousProgress(p =>
            {
                if (p.Phase == "validate")
                    ui.WriteNote(FormattableString.Invariant($"epoch {p.Epoch}: train loss {p.Loss:F4}, {p.SamplesPerSecond:F2} samples/s, {p.Fraction:P0} done"));
            });
            return await trainer.RunAsync(resume, lines, cancellationToken);
        }
        return await ui.Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("training", maxValue: 1000);
                var bar = new SynchronousProgress(p =>
                {
                    task.Description = Markup.Escape(FormattableString.Invariant(
                        $"epoch {p.Epoch} step {p.EpochStep}/{p.StepsPerEpoch} {p.Phase} loss {p.Loss:F4} {p.SamplesPerSecond:F2} samples/s"));
                    task.Value = Math.Round(p.Fraction * 1000);
                });
                return await trainer.RunAsync(resume, bar, cancellationToken);
            });
    }

    private static void Report(ConsoleUi ui, bool json, TrainingRun run, TrainingResult summary)
    {
        var state = summary.State;
        var last = summary.Records.Count > 0 ? summary.Records[^1] : null;
        if (json)
        {
            ui.WriteLine(JsonText.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("run", run.Folder);
                writer.WriteString("stop_reason", summary.StopReason);
                writer.WriteNumber("epochs", state.Epoch);
                writer.WriteNumber("steps", state.Step);
                writer.WriteNumber("seconds", Math.Round(state.Seconds, 1));
                writer.WriteNumber("best_epoch", state.BestEpoch);
                WriteNumberOrNull(writer, "best_validation_loss", state.BestValidationLoss);
                writer.WriteStartArray("validation_iou");
                foreach (var v in last?.IoU ?? []) WriteValue(writer, v);
                writer.WriteEndArray();
                writer.WriteStartArray("validation_f1");
                foreach (var v in last?.F1 ?? []) WriteValue(writer, v);
                writer.WriteEndArray();
                writer.WriteString("best_checkpoint", run.Checkpoints.TensorPath(CheckpointStore.Best));
                writer.WriteString("last_checkpoint", run.Checkpoints.TensorPath(CheckpointStore.Last));
                writer.WriteEndObject();
            }));
            return;
        }
        ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {state.Epoch} epoch(s), {state.Step} steps in {state.Seconds / 60:F1} min (stopped: {summary.StopReason}); best epoch {state.BestEpoch}, validation loss {state.BestValidationLoss:F4}"));
        if (last is not null)
        {
            for (int c = 0; c < last.IoU.Count; c++)
                ui.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  class {c}: IoU {last.IoU[c]:F3}, F1 {last.F1[c]:F3} (last epoch)"));
        }
        ui.WriteLine($"run folder {run.Folder}; export with: mzb export {run.Folder} --out model.zip");
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteValue(writer, value);
    }

    private static void WriteValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    /// <summary>Reports on the trainer's thread (Spectre's task updates are thread-safe).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
