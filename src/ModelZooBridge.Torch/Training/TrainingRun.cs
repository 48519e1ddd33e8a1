using System.Text;
using System.Text.Json;
using ModelZooBridge.IO;
using ModelZooBridge.Packaging;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// A run folder: <c>run.json</c> (the <see cref="TrainingRunSettings"/> it was started with), <c>checkpoints/</c>,
/// and the epoch logs. Everything needed to resume or export the run is in the folder and the data it names.
/// </summary>
public sealed class TrainingRun
{
    /// <summary>The settings file's name.</summary>
    public const string SettingsName = "run.json";

    private TrainingRun(string folder, TrainingRunSettings settings)
    {
        Folder = folder;
        Settings = settings;
        Checkpoints = new CheckpointStore(Path.Combine(folder, "checkpoints"));
    }

    /// <summary>The run folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>What the run was started with.</summary>
    public TrainingRunSettings Settings { get; }

    /// <summary>The run's checkpoints.</summary>
    public CheckpointStore Checkpoints { get; }

    /// <summary>Starts a run in <paramref name="folder"/>; refuses a folder that already holds one.</summary>
    /// <exception cref="IOException">When the folder already holds a run.</exception>
    public static TrainingRun Create(string folder, TrainingRunSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var full = Directory.CreateDirectory(folder).FullName;
        var path = Path.Combine(full, SettingsName);
        if (File.Exists(path))
            throw new IOException($"{full}: already holds a training run; continue it with --resume or choose another --out");
        using var file = AtomicFile.Create(path);
        file.Stream.Write(Encoding.UTF8.GetBytes(settings.ToJson()));
        file.Commit();
        return new TrainingRun(full, settings);
    }

    /// <summary>Opens an existing run.</summary>
    /// <exception cref="FileNotFoundException">When <paramref name="folder"/> has no <c>run.json</c>.</exception>
    /// <exception cref="InvalidDataException">When <c>run.json</c> is damaged.</exception>
    public static TrainingRun Open(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        var path = Path.Combine(full, SettingsName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{full}: not a training run (no {SettingsName})", path);
        return new TrainingRun(full, TrainingRunSettings.FromJson(File.ReadAllText(path), path));
    }

    /// <summary>
    /// The network, initialised from the run's seed (identical on every call). With <paramref name="forTraining"/> and a
    /// <see cref="TrainingRunSettings.From"/> package, its weights are loaded and the encoder frozen as the settings say
    /// (also on resume, so the optimizer sees the same trainable parameters).
    /// </summary>
    /// <exception cref="PackageException">When the package cannot be read or does not fit the network.</exception>
    public UNet CreateModel(bool forTraining = false)
    {
        TorchRuntime.ManualSeed((ulong)Settings.Seed);
        var config = Settings.Network;
        var model = Settings.Architecture switch
        {
            UNetKind.TwoD => UNet.Create2D(config),
            UNetKind.ThreeD => UNet.Create3D(config),
            _ => UNet.CreateAnisotropic3D(config),
        };
        if (forTraining && Settings.From is { } package)
        {
            try
            {
                UNetWeights.LoadFromPackage(model, package, Settings.FreezeEncoder);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        return model;
    }

    /// <summary>Loads the images and labels and splits them as the settings say.</summary>
    public TrainingData LoadData(IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default) =>
        Settings.LoadData(progress, cancellationToken);

    /// <summary>Patch sampling and augmentation.</summary>
    public SamplingOptions Sampling => new()
    {
        Patch = Settings.Patch,
        BatchSize = Settings.BatchSize,
        Seed = Settings.Seed,
        Augmentation = Settings.Augment ? new AugmentationOptions() : AugmentationOptions.None,
    };

    /// <summary>The trainer's options, with the duration given (or the settings' own).</summary>
    public TrainerOptions TrainerOptions(int? epochs = null, double? minutes = null)
    {
        if (epochs is null && minutes is null)
        {
            epochs = Settings.Epochs;
            minutes = Settings.Minutes;
        }
        return new TrainerOptions
        {
            Epochs = epochs,
            TimeBudget = minutes is { } m ? TimeSpan.FromMinutes(m) : null,
            StepsPerEpoch = Settings.StepsPerEpoch,
            Schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, Settings.LearningRate, WarmupFraction: 0.02),
            WeightDecay = Settings.WeightDecay,
            Loss = Settings.Loss,
            EarlyStoppingPatience = Settings.Patience,
            Threads = Settings.Threads,
        };
    }

    /// <summary>Loads the model weights of checkpoint <paramref name="name"/> into <paramref name="model"/>.</summary>
    /// <returns>The checkpoint's trainer state.</returns>
    public TrainerState LoadWeights(Module model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (tensors, state) = Checkpoints.Load(name);
        TrainingState.RestoreModel(model, tensors, Checkpoints.TensorPath(name));
        return state;
    }
}

/// <summary>What a run is started with (<c>run.json</c>); bioimage.io-style snake_case in the file.</summary>
public sealed record TrainingRunSettings
{
    /// <summary>Which U-Net.</summary>
    public required UNetKind Architecture { get; init; }

    /// <summary>Its shape.</summary>
    public required UNetConfig Network { get; init; }

    /// <summary>Training images: a folder or a stack.</summary>
    public required string Images { get; init; }

    /// <summary>Training labels, matched to the images by file name.</summary>
    public required string Labels { get; init; }

    /// <summary>Explicit validation images (instead of a split).</summary>
    public string? ValidationImages { get; init; }

    /// <summary>Explicit validation labels.</summary>
    public string? ValidationLabels { get; init; }

    /// <summary>Share of the images held out for validation when no validation folders are given.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Number of classes, or null to infer it from the labels.</summary>
    public int? ClassCount { get; init; }

    /// <summary>Earlier predictions whose mistakes are up-weighted (prediction-error weighting), or null.</summary>
    public string? Predictions { get; init; }

    /// <summary>Extra weight of pixels where the earlier prediction was wrong (weight = 1 + this).</summary>
    public double ErrorWeight { get; init; } = 4;

    /// <summary>Training patch size.</summary>
    public required PatchSize Patch { get; init; }

    /// <summary>Patches per step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Whether to augment (the default augmentation set).</summary>
    public bool Augment { get; init; } = true;

    /// <summary>Epochs, or null when <see cref="Minutes"/> bounds the run.</summary>
    public int? Epochs { get; init; }

    /// <summary>Wall-clock minutes, or null when <see cref="Epochs"/> bounds the run.</summary>
    public double? Minutes { get; init; }

    /// <summary>Steps per epoch.</summary>
    public int StepsPerEpoch { get; init; } = 20;

    /// <summary>Adam's base learning rate (cosine decay).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The loss.</summary>
    public TrainingLoss Loss { get; init; } = TrainingLoss.CrossEntropy;

    /// <summary>Early-stopping patience in epochs (0: off).</summary>
    public int Patience { get; init; }

    /// <summary>libtorch threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The seed of initialisation, split, sampling and dropout.</summary>
    public long Seed { get; init; }

    /// <summary>A package (exported by mzb) whose weights start the training, or null.</summary>
    public string? From { get; init; }

    /// <summary>With <see cref="From"/>: keep the encoder's weights fixed.</summary>
    public bool FreezeEncoder { get; init; }

    /// <summary>Loads the images and labels and splits them as the settings say.</summary>
    /// <exception cref="TrainingDataException">With a one-line message naming the file at fault.</exception>
    public TrainingData LoadData(IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default) =>
        TrainingData.Load(new TrainingDataOptions
        {
            Images = Images,
            Labels = Labels,
            ValidationImages = ValidationImages,
            ValidationLabels = ValidationLabels,
            ValidationFraction = ValidationFraction,
            SplitSeed = (int)Seed,
            ClassCount = ClassCount,
            Weights = Predictions is null ? null : new PredictionErrorWeights(Predictions, (float)ErrorWeight),
        }, progress, cancellationToken);


    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        Network.Validate();
        Patch.Validate();
        if (Architecture == UNetKind.TwoD && !Patch.Is2D) throw new ArgumentException($"a 2D U-Net takes 2D patches, not {Patch}");
        if (Architecture != UNetKind.TwoD && Patch.Is2D) throw new ArgumentException($"a 3D U-Net takes 3D patches, not {Patch}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be at least 1");
        if (ValidationFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "validation fraction must be in [0, 1)");
        if (ErrorWeight < 0) throw new ArgumentOutOfRangeException(nameof(ErrorWeight), ErrorWeight, "error weight cannot be negative");
        if (FreezeEncoder && From is null) throw new ArgumentException("freezing the encoder needs a package to start from");
        TrainerOptionsFor().Validate();
    }

    private TrainerOptions TrainerOptionsFor() => new()
    {
        Epochs = Epochs,
        TimeBudget = Minutes is { } m ? TimeSpan.FromMinutes(m) : null,
        StepsPerEpoch = StepsPerEpoch,
        Schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, LearningRate),
        WeightDecay = WeightDecay,
        EarlyStoppingPatience = Patience,
        Threads = Threads,
    };

    /// <summary>The settings as <c>run.json</c> text.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "modelzoobridge.run/1");
            json.WriteString("architecture", ArchitectureName(Architecture));
            json.WriteStartObject("network");
            json.WriteNumber("depth", Network.Depth);
            json.WriteNumber("first_level_filters", Network.FirstLevelFilters);
            json.WriteString("padding", Network.Padding.ToString().ToLowerInvariant());
            json.WriteString("normalization", Network.Normalization.ToString().ToLowerInvariant());
            json.WriteNumber("classes", Network.Classes);
            json.WriteNumber("input_channels", Network.InputChannels);
            json.WriteEndObject();
            json.WriteString("images", Images);
            json.WriteString("labels", Labels);
            WriteOptional(json, "validation_images", ValidationImages);
            WriteOptional(json, "validation_labels", ValidationLabels);
            json.WriteNumber("validation_fraction", ValidationFraction);
            if (ClassCount is { } classes) json.WriteNumber("class_count", classes);
            WriteOptional(json, "predictions", Predictions);
            json.WriteNumber("error_weight", ErrorWeight);
            json.WriteStartArray("patch");
            json.WriteNumberValue(Patch.Depth);
            json.WriteNumberValue(Patch.Height);
            json.WriteNumberValue(Patch.Width);
            json.WriteEndArray();
            json.WriteNumber("batch_size", BatchSize);
            json.WriteBoolean("augment", Augment);
            if (Epochs is { } epochs) json.WriteNumber("epochs", epochs);
            if (Minutes is { } minutes) json.WriteNumber("minutes", minutes);
            json.WriteNumber("steps_per_epoch", StepsPerEpoch);
            json.WriteNumber("learning_rate", LearningRate);
            json.WriteNumber("weight_decay", WeightDecay);
            json.WriteString("loss", Loss == TrainingLoss.CrossEntropy ? "ce" : "ce+dice");
            json.WriteNumber("patience", Patience);
            json.WriteNumber("threads", Threads);
            json.WriteNumber("seed", Seed);
            WriteOptional(json, "from", From);
            json.WriteBoolean("freeze_encoder", FreezeEncoder);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads <see cref="ToJson"/>'s output.</summary>
    /// <exception cref="InvalidDataException">When the text is not a run description; the message names the file.</exception>
    public static TrainingRunSettings FromJson(string text, string nameForErrors)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != "modelzoobridge.run/1")
                throw new FormatException("unknown format " + root.GetProperty("format").GetString());
            var network = root.GetProperty("network");
            var patch = root.GetProperty("patch").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var settings = new TrainingRunSettings
            {
                Architecture = ParseArchitecture(root.GetProperty("architecture").GetString()!),
                Network = new UNetConfig(
                    network.GetProperty("depth").GetInt32(),
                    network.GetProperty("first_level_filters").GetInt32(),
                    Enum.Parse<UNetPadding>(network.GetProperty("padding").GetString()!, ignoreCase: true),
                    Enum.Parse<UNetNormalization>(network.GetProperty("normalization").GetString()!, ignoreCase: true),
                    network.GetProperty("classes").GetInt32(),
                    network.GetProperty("input_channels").GetInt32()),
                Images = root.GetProperty("images").GetString()!,
                Labels = root.GetProperty("labels").GetString()!,
                ValidationImages = Optional(root, "validation_images"),
                ValidationLabels = Optional(root, "validation_labels"),
                ValidationFraction = root.GetProperty("validation_fraction").GetDouble(),
                ClassCount = root.TryGetProperty("class_count", out var classes) ? classes.GetInt32() : null,
                Predictions = Optional(root, "predictions"),
                ErrorWeight = root.GetProperty("error_weight").GetDouble(),
                Patch = new PatchSize(patch[0], patch[1], patch[2]),
                BatchSize = root.GetProperty("batch_size").GetInt32(),
                Augment = root.GetProperty("augment").GetBoolean(),
                Epochs = root.TryGetProperty("epochs", out var epochs) ? epochs.GetInt32() : null,
                Minutes = root.TryGetProperty("minutes", out var minutes) ? minutes.GetDouble() : null,
                StepsPerEpoch = root.GetProperty("steps_per_epoch").GetInt32(),
                LearningRate = root.GetProperty("learning_rate").GetDouble(),
                WeightDecay = root.GetProperty("weight_decay").GetDouble(),
                Loss = root.GetProperty("loss").GetString() == "ce" ? TrainingLoss.CrossEntropy : TrainingLoss.CrossEntropyDice,
                Patience = root.GetProperty("patience").GetInt32(),
                Threads = root.GetProperty("threads").GetInt32(),
                Seed = root.GetProperty("seed").GetInt64(),
                From = Optional(root, "from"),
                FreezeEncoder = root.GetProperty("freeze_encoder").GetBoolean(),
            };
            settings.Validate();
            return settings;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
            or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{nameForErrors}: not a training run description ({error.Message})");
        }
    }

    /// <summary>The command-line name of an architecture: <c>unet2d</c>, <c>unet3d</c>, <c>unet3d-aniso</c>.</summary>
    public static string ArchitectureName(UNetKind kind) => kind switch
    {
        UNetKind.TwoD => "unet2d",
        UNetKind.ThreeD => "unet3d",
        _ => "unet3d-aniso",
    };

    /// <summary>The architecture of a command-line name.</summary>
    /// <exception cref="FormatException">For an unknown name.</exception>
    public static UNetKind ParseArchitecture(string name) => name switch
    {
        "unet2d" => UNetKind.TwoD,
        "unet3d" => UNetKind.ThreeD,
        "unet3d-aniso" => UNetKind.Anisotropic3D,
        _ => throw new FormatException($"unknown architecture '{name}' (unet2d, unet3d, unet3d-aniso)"),
    };

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
