using System.CommandLine;
using System.Globalization;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.Cli.Commands.Train;

/// <summary><c>mzb train --images DIR --labels DIR --arch A --out RUN</c>: trains a U-Net (or resumes a run).</summary>
public static class TrainCommandDefinition
{
    /// <summary>Training images.</summary>
    public static readonly Option<string?> Images = new("--images") { Description = "Training images: a folder (TIFF/PNG/NPY, matched to labels by file name) or one stack" };

    /// <summary>Training labels.</summary>
    public static readonly Option<string?> Labels = new("--labels") { Description = "Training labels: binary 0/255 masks or integer class images, same names and sizes as the images" };

    /// <summary>The architecture.</summary>
    public static readonly Option<string?> Arch = new("--arch")
    {
        Description = "unet2d, unet3d, or unet3d-aniso (first level 1x3x3 convolutions and x,y-only pooling, for thick sections)",
    };

    /// <summary>The run folder.</summary>
    public static readonly Option<string> Out = new("--out", "-o") { Description = "Run folder: run.json, checkpoints/, log.csv, log.jsonl, loss.svg", Required = true };

    /// <summary>Wall-clock budget.</summary>
    public static readonly Option<double?> Minutes = new("--minutes") { Description = "Train for this many minutes of wall-clock time (give this or --epochs)" };

    /// <summary>Epoch count.</summary>
    public static readonly Option<int?> Epochs = new("--epochs") { Description = "Train for this many epochs (give this or --minutes)" };

    /// <summary>Continue a run.</summary>
    public static readonly Option<bool> Resume = new("--resume")
    {
        Description = "Continue the run in --out from its last checkpoint, with its own settings (a new --minutes or --epochs replaces its duration)",
    };

    /// <summary>The seed.</summary>
    public static readonly Option<long> Seed = new("--seed") { Description = "Seed of initialisation, validation split, sampling, augmentation and dropout", DefaultValueFactory = _ => 0 };

    /// <summary>Validation images.</summary>
    public static readonly Option<string?> ValidationImages = new("--validation-images") { Description = "Explicit validation images (instead of holding out a fraction of the training images)" };

    /// <summary>Validation labels.</summary>
    public static readonly Option<string?> ValidationLabels = new("--validation-labels") { Description = "Labels of --validation-images" };

    /// <summary>Held-out fraction.</summary>
    public static readonly Option<double> ValidationFraction = new("--validation-fraction")
    {
        Description = "Share of the training images held out for validation when no validation folders are given",
        DefaultValueFactory = _ => 0.2,
    };

    /// <summary>Patch size.</summary>
    public static readonly Option<string?> Patch = new("--patch") { Description = "Training patch: N (N x N, or N³ for 3D) or ZxYxX; default 256 (2D) or 64x64x64 (3D)" };

    /// <summary>Batch size.</summary>
    public static readonly Option<int?> Batch = new("--batch") { Description = "Patches per step; default 4 (2D) or 2 (3D)" };

    /// <summary>U-Net depth.</summary>
    public static readonly Option<int?> Depth = new("--depth") { Description = "Poolings; default 3 (2D) or 2 (3D)" };

    /// <summary>First-level filters.</summary>
    public static readonly Option<int?> Filters = new("--filters") { Description = "Filters of the first level, doubled at each level; default 32 (2D) or 16 (3D)" };

    /// <summary>Normalisation layers.</summary>
    public static readonly Option<string> Norm = new("--norm") { Description = "batch, instance or none", DefaultValueFactory = _ => "batch" };

    /// <summary>Learning rate.</summary>
    public static readonly Option<double> LearningRate = new("--lr") { Description = "Adam's learning rate (cosine decay over the run)", DefaultValueFactory = _ => 1e-3 };

    /// <summary>Steps per epoch.</summary>
    public static readonly Option<int> StepsPerEpoch = new("--steps-per-epoch") { Description = "Optimizer steps between validations and checkpoints", DefaultValueFactory = _ => 20 };

    /// <summary>The loss.</summary>
    public static readonly Option<string> Loss = new("--loss") { Description = "ce (cross-entropy) or ce+dice", DefaultValueFactory = _ => "ce" };

    /// <summary>Early stopping.</summary>
    public static readonly Option<int> Patience = new("--patience") { Description = "Stop after this many epochs without a lower validation loss (0: never)", DefaultValueFactory = _ => 0 };

    /// <summary>Class count.</summary>
    public static readonly Option<int?> Classes = new("--classes") { Description = "Number of classes (default: from the labels)" };

    /// <summary>Earlier predictions for error weighting.</summary>
    public static readonly Option<string?> Predictions = new("--predictions")
    {
        Description = "Folder of earlier predictions (label images named like the labels): pixels where they differ from the corrected labels weigh 1 + --error-weight",
    };

    /// <summary>Weight of corrected pixels.</summary>
    public static readonly Option<double> ErrorWeight = new("--error-weight") { Description = "Extra weight of pixels an earlier prediction got wrong", DefaultValueFactory = _ => 4 };

    /// <summary>Augmentation off.</summary>
    public static readonly Option<bool> NoAugment = new("--no-augment") { Description = "Train on plain crops (no flips, rotations, deformations or intensity changes)" };

    /// <summary>libtorch threads.</summary>
    public static readonly Option<int> Threads = new("--threads")
    {
        Description = "libtorch threads (1 is fastest on a 2-vCPU machine; measure before raising)",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>Transfer learning.</summary>
    public static readonly Option<string?> From = new("--from")
    {
        Description = "Start from the weights of a package exported by mzb (its architecture replaces --arch, --depth, --filters and --norm)",
    };

    /// <summary>Keep the encoder fixed.</summary>
    public static readonly Option<bool> FreezeEncoder = new("--freeze-encoder") { Description = "With --from: train only the decoder and head" };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = CommonOptions.Json();

    /// <summary>Builds the command.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var command = new Command("train",
            "Train a 2D, 3D or anisotropic 3D U-Net on images and labels with augmentation, validation each epoch (loss, IoU and F1 per class), " +
            "best-model keeping and checkpoints; Ctrl-C saves a checkpoint, --resume continues exactly. Then `mzb export RUN --out model.zip`.")
        {
            Images, Labels, Arch, Out, Minutes, Epochs, Resume, Seed, ValidationImages, ValidationLabels, ValidationFraction, Patch, Batch,
            Depth, Filters, Norm, LearningRate, StepsPerEpoch, Loss, Patience, Classes, Predictions, ErrorWeight, NoAugment, Threads, From, FreezeEncoder, Json,
        };
        command.SetAction((parse, token) => TrainCommand.ExecuteAsync(parse, ui, token));
        return command;
    }

    /// <summary>Checks that a new run gets exactly one of --epochs and --minutes, and a resumed run at most one (it keeps its own otherwise).</summary>
    /// <exception cref="ArgumentException">With a one-line message naming the options.</exception>
    public static void CheckDuration(ParseResult parse, bool resume)
    {
        bool epochs = parse.GetValue(Epochs) is not null, minutes = parse.GetValue(Minutes) is not null;
        if (epochs && minutes) throw new ArgumentException("give --epochs or --minutes, not both");
        if (!resume && !epochs && !minutes) throw new ArgumentException("give --epochs N or --minutes M: how long to train");
    }

    /// <summary>Builds the run settings from a new run's options.</summary>
    /// <exception cref="ArgumentException">With a one-line message for a missing or invalid option.</exception>
    public static TrainingRunSettings Settings(ParseResult parse)
    {
        _ = parse.GetValue(Images) ?? throw new ArgumentException("--images is required (or --resume)");
        _ = parse.GetValue(Labels) ?? throw new ArgumentException("--labels is required (or --resume)");
        if (parse.GetValue(From) is { } package)
        {
            using var pretrained = UNetArchitecture.Create(ExportedModel.Read(package).Architecture);
            var settings = Settings(parse, pretrained.Kind);
            return settings with { Network = pretrained.Config };
        }
        return Settings(parse, TrainingRunSettings.ParseArchitecture(parse.GetValue(Arch) ?? throw new ArgumentException("--arch is required (or --resume)")));
    }

    private static TrainingRunSettings Settings(ParseResult parse, UNetKind arch)
    {
        string images = parse.GetValue(Images)!, labels = parse.GetValue(Labels)!;
        bool planar = arch == UNetKind.TwoD;
        return new TrainingRunSettings
        {
            Architecture = arch,
            Network = new UNetConfig(
                parse.GetValue(Depth) ?? (planar ? 3 : 2),
                parse.GetValue(Filters) ?? (planar ? 32 : 16),
                UNetPadding.Same,
                parse.GetValue(Norm) switch
                {
                    "batch" => UNetNormalization.Batch,
                    "instance" => UNetNormalization.Instance,
                    "none" => UNetNormalization.None,
                    var other => throw new ArgumentException($"--norm must be batch, instance or none, not '{other}'"),
                },
                Math.Max(2, parse.GetValue(Classes) ?? 2)),
            Images = Path.GetFullPath(images),
            Labels = Path.GetFullPath(labels),
            ValidationImages = FullPathOrNull(parse.GetValue(ValidationImages)),
            ValidationLabels = FullPathOrNull(parse.GetValue(ValidationLabels)),
            ValidationFraction = parse.GetValue(ValidationFraction),
            ClassCount = parse.GetValue(Classes),
            Predictions = FullPathOrNull(parse.GetValue(Predictions)),
            ErrorWeight = parse.GetValue(ErrorWeight),
            Patch = ParsePatch(parse.GetValue(Patch), planar),
            BatchSize = parse.GetValue(Batch) ?? (planar ? 4 : 2),
            Augment = !parse.GetValue(NoAugment),
            Epochs = parse.GetValue(Epochs),
            Minutes = parse.GetValue(Minutes),
            StepsPerEpoch = parse.GetValue(StepsPerEpoch),
            LearningRate = parse.GetValue(LearningRate),
            Loss = parse.GetValue(Loss) switch
            {
                "ce" => TrainingLoss.CrossEntropy,
                "ce+dice" => TrainingLoss.CrossEntropyDice,
                var other => throw new ArgumentException($"--loss must be ce or ce+dice, not '{other}'"),
            },
            Patience = parse.GetValue(Patience),
            Threads = parse.GetValue(Threads),
            Seed = parse.GetValue(Seed),
            From = FullPathOrNull(parse.GetValue(From)),
            FreezeEncoder = parse.GetValue(FreezeEncoder),
        };
    }

    /// <summary>Parses <c>N</c> or <c>ZxYxX</c> (<c>YxX</c> for 2D).</summary>
    public static PatchSize ParsePatch(string? text, bool planar)
    {
        if (text is null) return planar ? PatchSize.Planar(256, 256) : new PatchSize(64, 64, 64);
        var parts = text.Split('x');
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                throw new ArgumentException($"--patch '{text}' is not N or ZxYxX with positive integers");
        }
        return (sizes.Length, planar) switch
        {
            (1, true) => PatchSize.Planar(sizes[0], sizes[0]),
            (1, false) => new PatchSize(sizes[0], sizes[0], sizes[0]),
            (2, true) => PatchSize.Planar(sizes[0], sizes[1]),
            (3, true) when sizes[0] == 1 => PatchSize.Planar(sizes[1], sizes[2]),
            (3, false) => new PatchSize(sizes[0], sizes[1], sizes[2]),
            _ => throw new ArgumentException($"--patch '{text}' does not fit a {(planar ? "2D" : "3D")} network"),
        };
    }

    private static string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path);
}
