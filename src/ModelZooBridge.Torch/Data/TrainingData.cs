namespace ModelZooBridge.Torch.Data;

/// <summary>Loaded, mapped and split training data.</summary>
public sealed class TrainingData
{
    private TrainingData(ValidationSplit split, LabelMapping mapping)
    {
        Training = split.Training;
        Validation = split.Validation;
        SplitDescription = split.Description;
        Mapping = mapping;
        Channels = split.Training[0].Channels;
        var counts = new long[mapping.ClassCount];
        foreach (var volume in split.Training)
        {
            foreach (byte c in volume.Classes) counts[c]++;
        }
        TrainingClassPixels = counts;
    }

    /// <summary>Volumes to train on.</summary>
    public IReadOnlyList<TrainingVolume> Training { get; }

    /// <summary>Volumes to validate on (empty for no validation).</summary>
    public IReadOnlyList<TrainingVolume> Validation { get; }

    /// <summary>How the validation data was chosen.</summary>
    public string SplitDescription { get; }

    /// <summary>Which raw label value became which class.</summary>
    public LabelMapping Mapping { get; }

    /// <summary>Image channels (equal for every volume).</summary>
    public int Channels { get; }

    /// <summary>Pixels of each class in the training volumes.</summary>
    public IReadOnlyList<long> TrainingClassPixels { get; }

    /// <summary>
    /// Reads every image and label, maps labels to classes (one mapping for training and validation), attaches
    /// weights and splits off validation data.
    /// </summary>
    /// <param name="options">Where the data is and how to read it.</param>
    /// <param name="progress">Receives (files read, files in all) after each image/label pair.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <exception cref="TrainingDataException">For unmatched files, unreadable files, mismatched shapes or unexpected label values (one line naming the file).</exception>
    public static TrainingData Load(TrainingDataOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool explicitValidation = options.ValidationImages is not null || options.ValidationLabels is not null;
        if (explicitValidation && (options.ValidationImages is null || options.ValidationLabels is null))
            throw new ArgumentException("validation images and validation labels must be given together", nameof(options));
        var trainingPairs = LabeledFilePair.Match(options.Images, options.Labels);
        var validationPairs = explicitValidation ? LabeledFilePair.Match(options.ValidationImages!, options.ValidationLabels!) : [];
        var allPairs = trainingPairs.Concat(validationPairs).ToList();
        var raw = new List<RawPair>(allPairs.Count);
        foreach (var pair in allPairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            raw.Add(RawPair.Read(pair, options.Normalization));
            progress?.Report((raw.Count, allPairs.Count));
        }
        foreach (var pair in raw.Skip(1))
        {
            if (pair.Shape.Channels != raw[0].Shape.Channels)
                throw new TrainingDataException($"{pair.Files.ImagePath} has {pair.Shape.Channels} channel(s) but {raw[0].Files.ImagePath} has {raw[0].Shape.Channels}");
        }
        var mapping = LabelMapping.Resolve(options.LabelEncoding, options.ClassCount, raw.Select(r => (r.Files.LabelPath, r.Distinct)).ToList());
        var volumes = raw.Select(r => r.ToVolume(mapping)).ToList();
        var training = volumes.Take(trainingPairs.Count).Select(v => WithWeights(v, options.Weights, mapping, cancellationToken)).ToList();
        var split = explicitValidation
            ? new ValidationSplit(training, volumes.Skip(trainingPairs.Count).ToList(), $"validation: {validationPairs.Count} images from {options.ValidationImages}")
            : ValidationSplit.ByFraction(training, options.ValidationFraction, options.SplitSeed);
        return new TrainingData(split, mapping);
    }

    private static TrainingVolume WithWeights(TrainingVolume volume, IWeightMapSource? source, LabelMapping mapping, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return source is null ? volume : volume.WithWeights(source.WeightsFor(volume, mapping));
    }

    private sealed record RawPair(LabeledFilePair Files, float[] Image, VolumeShape Shape, int[] Labels, IReadOnlySet<int> Distinct)
    {
        public static RawPair Read(LabeledFilePair files, IntensityNormalization normalization)
        {
            var (image, shape) = ImageVolumeReader.ReadImage(files.ImagePath, normalization);
            var (labels, labelShape, distinct) = ImageVolumeReader.ReadLabels(files.LabelPath);
            if (!labelShape.SameSpatialShape(shape))
                throw new TrainingDataException($"{files.ImagePath} is {shape} but {files.LabelPath} is {labelShape}: image and label shapes differ");
            return new RawPair(files, image, shape, labels, distinct);
        }

        public TrainingVolume ToVolume(LabelMapping mapping)
        {
            var classes = new byte[Labels.Length];
            mapping.Map(Files.LabelPath, Labels, classes);
            return new TrainingVolume(Files.Stem, Files.ImagePath, Files.LabelPath, Shape.Channels, Shape.Depth, Shape.Height, Shape.Width, Image, classes);
        }
    }
}
