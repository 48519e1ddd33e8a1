using System.Globalization;

namespace ModelZooBridge.Torch.Data;

/// <summary>Training and validation volumes, and a sentence saying how they were split.</summary>
/// <param name="Training">Volumes to train on.</param>
/// <param name="Validation">Volumes to validate on (empty for no validation).</param>
/// <param name="Description">How the split was made, for the run report.</param>
public sealed record ValidationSplit(IReadOnlyList<TrainingVolume> Training, IReadOnlyList<TrainingVolume> Validation, string Description)
{
    /// <summary>
    /// Holds out <paramref name="fraction"/> of the data: whole images chosen by a seeded shuffle when there are
    /// several, otherwise the last slices of the one volume (or its last rows when it is a single 2D image).
    /// Deterministic for a given seed; the order of the input is kept within each part.
    /// </summary>
    public static ValidationSplit ByFraction(IReadOnlyList<TrainingVolume> volumes, double fraction, int seed)
    {
        if (volumes.Count == 0) throw new ArgumentException("no volumes to split", nameof(volumes));
        if (!(fraction >= 0 && fraction < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be within [0, 1)");
        if (fraction == 0) return new(volumes, [], "no validation data");
        return volumes.Count == 1 ? ByRegion(volumes[0], fraction) : ByImage(volumes, fraction, seed);
    }

    private static ValidationSplit ByImage(IReadOnlyList<TrainingVolume> volumes, double fraction, int seed)
    {
        int count = Math.Clamp((int)Math.Round(fraction * volumes.Count), 1, volumes.Count - 1);
        var order = Enumerable.Range(0, volumes.Count).ToArray();
        var random = new SeededRandom(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var held = order.Take(count).ToHashSet();
        var validation = volumes.Where((_, i) => held.Contains(i)).ToList();
        var training = volumes.Where((_, i) => !held.Contains(i)).ToList();
        return new(training, validation, string.Create(CultureInfo.InvariantCulture,
            $"validation: {count} of {volumes.Count} images chosen with seed {seed} ({string.Join(", ", validation.Select(v => v.Name))})"));
    }

    private static ValidationSplit ByRegion(TrainingVolume volume, double fraction)
    {
        bool bySlices = volume.Depth > 1;
        int size = bySlices ? volume.Depth : volume.Height;
        if (size < 2) throw new TrainingDataException($"{volume.ImagePath}: a single image of {size} row(s) cannot be split for validation; give validation folders");
        int held = Math.Clamp((int)Math.Round(fraction * size), 1, size - 1);
        int kept = size - held;
        var (training, validation) = bySlices
            ? (volume.Region($"{volume.Name}[z0-{kept - 1}]", 0, kept, 0, volume.Height), volume.Region($"{volume.Name}[z{kept}-{size - 1}]", kept, held, 0, volume.Height))
            : (volume.Region($"{volume.Name}[y0-{kept - 1}]", 0, volume.Depth, 0, kept), volume.Region($"{volume.Name}[y{kept}-{size - 1}]", 0, volume.Depth, kept, held));
        string unit = bySlices ? "slices" : "rows";
        return new([training], [validation], string.Create(CultureInfo.InvariantCulture,
            $"validation: only one image, so its last {held} of {size} {unit} ({fraction:P0}) are held out, not whole images"));
    }
}
