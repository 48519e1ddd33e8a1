using ModelZooBridge.Arrays;

namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Makes training batches on the CPU: each sample's origin, deformation, dihedral transform and intensity
/// changes are drawn from a generator seeded with (seed, epoch, step, sample), so a batch is a pure function of
/// those numbers — reproducible, and resumable at any step. Per sample: choose an origin
/// (<see cref="PatchSampler"/>), crop or warp (<see cref="SpatialTransform"/>), apply a dihedral transform, then
/// intensity changes. Work buffers are kept between calls, so one generator serves one thread at a time.
/// </summary>
public sealed class BatchGenerator
{
    private readonly IReadOnlyList<TrainingVolume> _volumes;
    private readonly SamplingOptions _options;
    private readonly PatchSampler _sampler;
    private readonly SeededRandom _random = new(0);
    private readonly SpatialTransform _spatial = new();
    private readonly PatchRenderer _renderer = new();
    private float[] _imageScratch = [];
    private long[] _classScratch = [];
    private float[] _weightScratch = [];

    /// <summary>Prepares sampling from the training volumes of <paramref name="data"/>.</summary>
    public BatchGenerator(TrainingData data, SamplingOptions options)
        : this(data.Training, options, options.OversampledClasses ?? PatchSampler.MinorityClasses(data.TrainingClassPixels)) { }

    /// <summary>Prepares sampling from <paramref name="volumes"/>, oversampling <paramref name="oversampledClasses"/>.</summary>
    public BatchGenerator(IReadOnlyList<TrainingVolume> volumes, SamplingOptions options, IReadOnlyCollection<int> oversampledClasses)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        options.Augmentation.Validate();
        if (volumes.Select(v => v.Channels).Distinct().Count() > 1) throw new ArgumentException("volumes differ in channel count", nameof(volumes));
        _volumes = volumes;
        _options = options;
        _sampler = new PatchSampler(volumes, options.Patch, options.ForegroundFraction, oversampledClasses);
        Channels = volumes[0].Channels;
        Weighted = volumes.Any(v => v.Weights is not null);
    }

    /// <summary>Image channels of every batch.</summary>
    public int Channels { get; }

    /// <summary>True when batches carry weights (some volume has a weight map).</summary>
    public bool Weighted { get; }

    /// <summary>The sampling options.</summary>
    public SamplingOptions Options => _options;

    /// <summary>Makes batch <paramref name="step"/> of <paramref name="epoch"/>.</summary>
    public TrainingBatch Generate(int epoch, int step)
    {
        var batch = new TrainingBatch(epoch, step, _options.BatchSize, Channels, _options.Patch, Weighted);
        for (int sample = 0; sample < batch.BatchSize; sample++)
        {
            _random.Reseed(_options.Seed, epoch, step, sample);
            batch.Origins[sample] = FillSample(batch.ImageOf(sample), batch.ClassesOf(sample), batch.WeightsOf(sample));
        }
        return batch;
    }

    private PatchOrigin FillSample(Span<float> image, Span<long> classes, Span<float> weights)
    {
        var augmentation = _options.Augmentation;
        var size = _options.Patch;
        var origin = _sampler.Next(_random);
        var volume = _volumes[origin.Volume];
        _spatial.Draw(_random, augmentation, size);
        var dihedral = _random.Chance(augmentation.DihedralProbability) ? PatchSymmetry.Random(_random, size) : Dihedral.Identity;
        if (dihedral.IsIdentity) Render(volume, origin, image, classes, weights);
        else
        {
            EnsureScratch(image.Length, classes.Length, weights.Length);
            Render(volume, origin, _imageScratch, _classScratch, _weightScratch);
            PatchSymmetry.Apply<float>(dihedral, _imageScratch, image, size);
            PatchSymmetry.Apply<long>(dihedral, _classScratch, classes, size);
            if (!weights.IsEmpty) PatchSymmetry.Apply<float>(dihedral, _weightScratch, weights, size);
        }
        IntensityAugmentation.Apply(image, _random, augmentation);
        return origin;
    }

    private void Render(TrainingVolume volume, PatchOrigin origin, Span<float> image, Span<long> classes, Span<float> weights)
    {
        if (_spatial.IsIdentity) _renderer.Crop(volume, origin, _options.Patch, image, classes, weights);
        else PatchRenderer.Warp(volume, origin, _options.Patch, _spatial, image, classes, weights);
    }

    private void EnsureScratch(int imageLength, int classLength, int weightLength)
    {
        if (_imageScratch.Length != imageLength) _imageScratch = new float[imageLength];
        if (_classScratch.Length != classLength) _classScratch = new long[classLength];
        if (_weightScratch.Length != weightLength) _weightScratch = new float[weightLength];
    }
}
