using System.CommandLine;
using System.Globalization;
using ModelZooBridge.Arrays;
using ModelZooBridge.Packaging;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Spec;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.Cli.Commands.Export;

/// <summary>Runs <c>mzb export</c>.</summary>
public static class ExportCommand
{
    /// <summary>Test inputs are cropped to at most this many pixels along y and x, and slices along z, to keep packages small.</summary>
    private const int MaxTestPlane = 256, MaxTestDepth = 32;

    /// <summary>Loads the checkpoint into the run's network, crops a test input from the first validation image and writes the package.</summary>
    public static int Execute(ParseResult parse, ConsoleUi ui, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(parse.GetValue(ExportCommandDefinition.Out)!);
        string checkpoint = parse.GetValue(ExportCommandDefinition.Checkpoint)!;
        if (checkpoint is not (CheckpointStore.Best or CheckpointStore.Last))
        {
            ui.WriteError($"--checkpoint must be best or last, not '{checkpoint}'");
            return ExitCodes.UsageOrInput;
        }
        TrainingRun run;
        TrainerState state;
        TrainingData data;
        try
        {
            run = TrainingRun.Open(parse.GetValue(ExportCommandDefinition.Run)!);
            if (!run.Checkpoints.Exists(checkpoint))
            {
                ui.WriteError($"{run.Checkpoints.TensorPath(checkpoint)}: no such checkpoint; train first (mzb train --out {run.Folder} ...)");
                return ExitCodes.UsageOrInput;
            }
            data = run.LoadData(null, cancellationToken);
        }
        catch (Exception error) when (error is InvalidDataException or FileNotFoundException or TrainingDataException)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }

        using var model = run.CreateModel();
        try
        {
            state = run.LoadWeights(model, checkpoint);
        }
        catch (InvalidDataException error)
        {
            ui.WriteError(error.Message);
            return ExitCodes.UsageOrInput;
        }
        var source = data.Validation.Count > 0 ? data.Validation[0] : data.Training[0];
        var testInput = TestInput(source, UNetArchitecture.Describe(model));
        var record = ReadLog(run).LastOrDefault(r => r.Epoch == state.Epoch);
        var details = Details(parse, run, data, state, record, source);
        try
        {
            PackageExport.Export(model, testInput, details, output, cancellationToken);
        }
        catch (ArgumentException error)
        {
            ui.WriteError($"{run.Folder}: cannot export: {error.Message}");
            return ExitCodes.UsageOrInput;
        }
        if (parse.GetValue(ExportCommandDefinition.Json))
        {
            ui.WriteLine(JsonText.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("package", output);
                writer.WriteString("checkpoint", checkpoint);
                writer.WriteNumber("epoch", state.Epoch);
                writer.WriteString("test_input", source.ImagePath);
                writer.WriteEndObject();
            }));
        }
        else
        {
            ui.WriteLine($"wrote {output} ({checkpoint} checkpoint, epoch {state.Epoch}; test input cropped from {source.ImagePath}); check it with: mzb validate {output}");
        }
        return ExitCodes.Success;
    }

    /// <summary>A centred crop of the raw image behind <paramref name="volume"/> (middle slice for 2D networks), sized on the step grid.</summary>
    private static NdArray TestInput(TrainingVolume volume, NetworkArchitecture architecture)
    {
        var (values, shape) = ImageVolumeReader.ReadImage(volume.ImagePath, IntensityNormalization.None);
        bool planar = architecture.SpatialAxes.Count == 2;
        int depth = planar ? 1 : Fit(shape.Depth, architecture.InputSize(AxisId.Z), MaxTestDepth);
        int height = Fit(shape.Height, architecture.InputSize(AxisId.Y), MaxTestPlane);
        int width = Fit(shape.Width, architecture.InputSize(AxisId.X), MaxTestPlane);
        int z0 = planar ? shape.Depth / 2 : (shape.Depth - depth) / 2, y0 = (shape.Height - height) / 2, x0 = (shape.Width - width) / 2;
        var crop = new float[shape.Channels * depth * height * width];
        int i = 0;
        for (int c = 0; c < shape.Channels; c++)
            for (int z = 0; z < depth; z++)
                for (int y = 0; y < height; y++, i += width)
                    values.AsSpan((((c * shape.Depth) + z0 + z) * shape.Height + y0 + y) * shape.Width + x0, width).CopyTo(crop.AsSpan(i, width));
        return planar
            ? new NdArray<float>(crop, [shape.Channels, height, width], [AxisId.Channel, AxisId.Y, AxisId.X])
            : new NdArray<float>(crop, [shape.Channels, depth, height, width], [AxisId.Channel, AxisId.Z, AxisId.Y, AxisId.X]);
    }

    /// <summary>The largest <c>min + n·step</c> within the image and the cap (the minimum when the image is smaller).</summary>
    private static int Fit(int size, ParameterizedSize sizes, int cap)
    {
        int limit = Math.Min(size, Math.Max(cap, sizes.Min));
        return limit < sizes.Min ? sizes.Min : sizes.Min + (limit - sizes.Min) / sizes.Step * sizes.Step;
    }

    private static ExportDetails Details(ParseResult parse, TrainingRun run, TrainingData data, TrainerState state, EpochRecord? record, TrainingVolume source)
    {
        var settings = run.Settings;
        string name = parse.GetValue(ExportCommandDefinition.Name) ?? Path.GetFileName(run.Folder.TrimEnd(Path.DirectorySeparatorChar));
        var classNames = parse.GetValue(ExportCommandDefinition.ClassNames)?.Split(',', StringSplitOptions.TrimEntries)
            ?? [.. Enumerable.Range(0, data.Mapping.ClassCount).Select(c => $"class{c}")];
        var metrics = new List<KeyValuePair<string, double>>();
        if (record is not null)
        {
            metrics.Add(new("validation loss", record.ValidationLoss));
            for (int c = 0; c < record.F1.Count && c < classNames.Length; c++)
            {
                metrics.Add(new($"{classNames[c]} F1", record.F1[c]));
                metrics.Add(new($"{classNames[c]} IoU", record.IoU[c]));
            }
        }
        var training = new TrainingSummary($"{settings.Images} with labels {settings.Labels}; {data.SplitDescription}", state.Epoch,
            TimeSpan.FromSeconds(state.Seconds), settings.Seed)
        {
            Metrics = metrics,
            Settings =
            [
                string.Create(CultureInfo.InvariantCulture, $"architecture {TrainingRunSettings.ArchitectureName(settings.Architecture)}, depth {settings.Network.Depth}, first-level filters {settings.Network.FirstLevelFilters}, {settings.Network.Normalization} normalisation"),
                string.Create(CultureInfo.InvariantCulture, $"patch {settings.Patch}, batch {settings.BatchSize}, {state.Step} Adam steps, learning rate {settings.LearningRate} (cosine), loss {settings.Loss}"),
                $"augmentation {(settings.Augment ? "on (flips, rotations, elastic, scaling, intensity, noise)" : "off")}; labels: {data.Mapping.Summary}",
                $"test input: centre crop of {source.ImagePath}",
            ],
        };
        var authors = parse.GetValue(ExportCommandDefinition.Authors) is { Length: > 0 } given ? given : [Environment.UserName];
        return new ExportDetails(name,
            parse.GetValue(ExportCommandDefinition.Description) ?? $"{TrainingRunSettings.ArchitectureName(settings.Architecture)} segmentation into {classNames.Length} classes, trained with ModelZooBridge",
            authors.Select(a => new Author(a)).ToEquatableArray(), training)
        {
            ClassNames = classNames.ToEquatableArray(),
        };
    }

    private static IReadOnlyList<EpochRecord> ReadLog(TrainingRun run)
    {
        try
        {
            return TrainingLog.Read(run.Folder);
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }
}
