namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Chooses where patches come from. A fraction of patches (<see cref="ForegroundFraction"/>) is centred on a
/// uniformly chosen pixel of the oversampled classes (all pixels of all volumes weigh the same); the rest start
/// at a uniform position, each volume chosen in proportion to its size. A patch larger than its volume along an
/// axis starts at a random offset that keeps the whole volume inside it and is filled by reflection.
/// </summary>
public sealed class PatchSampler
{
    private readonly IReadOnlyList<TrainingVolume> _volumes;
    private readonly PatchSize _size;
    private readonly int[][] _oversampledPixels;
    private readonly long[] _oversampledEnds;
    private readonly long[] _voxelEnds;

    /// <summary>Indexes the pixels of the oversampled classes in every volume.</summary>
    /// <param name="volumes">The training volumes.</param>
    /// <param name="size">The patch size.</param>
    /// <param name="foregroundFraction">Share of patches centred on an oversampled class, in [0, 1].</param>
    /// <param name="oversampledClasses">The classes to centre on.</param>
    public PatchSampler(IReadOnlyList<TrainingVolume> volumes, PatchSize size, double foregroundFraction, IReadOnlyCollection<int> oversampledClasses)
    {
        if (volumes.Count == 0) throw new ArgumentException("no training volumes", nameof(volumes));
        if (!(foregroundFraction >= 0 && foregroundFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(foregroundFraction), foregroundFraction, "must be within [0, 1]");
        size.Validate();
        _volumes = volumes;
        _size = size;
        ForegroundFraction = foregroundFraction;
        var wanted = new bool[256];
        foreach (int c in oversampledClasses)
        {
            if ((uint)c > byte.MaxValue) throw new ArgumentOutOfRangeException(nameof(oversampledClasses), c, "classes are 0..255");
            wanted[c] = true;
        }
        _oversampledPixels = volumes.Select(v => PixelsOf(v.Classes, wanted)).ToArray();
        _oversampledEnds = CumulativeSums(_oversampledPixels.Select(p => (long)p.Length));
        _voxelEnds = CumulativeSums(volumes.Select(v => (long)v.VoxelCount));
    }

    /// <summary>Share of patches centred on an oversampled class (0 when the volumes hold none).</summary>
    public double ForegroundFraction { get; }

    /// <summary>
    /// The classes to oversample when none are named: every class except the most frequent one (for a binary
    /// mask, the minority class; for ISBI 2012, membrane).
    /// </summary>
    public static IReadOnlyList<int> MinorityClasses(IReadOnlyList<long> classPixels)
    {
        int majority = 0;
        for (int c = 1; c < classPixels.Count; c++) if (classPixels[c] > classPixels[majority]) majority = c;
        return Enumerable.Range(0, classPixels.Count).Where(c => c != majority).ToArray();
    }

    /// <summary>Draws the next patch origin.</summary>
    public PatchOrigin Next(SeededRandom random)
    {
        long oversampledTotal = _oversampledEnds[^1];
        if (oversampledTotal > 0 && random.Chance(ForegroundFraction))
        {
            long pick = random.NextLong(oversampledTotal);
            int v = VolumeOf(_oversampledEnds, pick);
            long before = v == 0 ? 0 : _oversampledEnds[v - 1];
            int pixel = _oversampledPixels[v][pick - before];
            var volume = _volumes[v];
            int plane = volume.Height * volume.Width;
            int z = pixel / plane, y = pixel % plane / volume.Width, x = pixel % volume.Width;
            return new PatchOrigin(v, Centred(z, _size.Depth, volume.Depth), Centred(y, _size.Height, volume.Height), Centred(x, _size.Width, volume.Width), true);
        }
        int index = VolumeOf(_voxelEnds, random.NextLong(_voxelEnds[^1]));
        var chosen = _volumes[index];
        return new PatchOrigin(index, Uniform(random, _size.Depth, chosen.Depth), Uniform(random, _size.Height, chosen.Height), Uniform(random, _size.Width, chosen.Width), false);
    }

    /// <summary>The start that puts <paramref name="centre"/> in the middle, moved to keep the patch inside the volume where it fits.</summary>
    private static int Centred(int centre, int patch, int size)
    {
        int start = centre - patch / 2;
        return Math.Clamp(start, Math.Min(0, size - patch), Math.Max(0, size - patch));
    }

    private static int Uniform(SeededRandom random, int patch, int size)
    {
        int low = Math.Min(0, size - patch), high = Math.Max(0, size - patch);
        return low + random.NextInt(high - low + 1);
    }

    /// <summary>The first volume whose cumulative end lies beyond <paramref name="pick"/> (skipping volumes that add nothing).</summary>
    private static int VolumeOf(long[] ends, long pick)
    {
        int low = 0, high = ends.Length - 1;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (ends[middle] > pick) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    private static int[] PixelsOf(byte[] classes, bool[] wanted)
    {
        int count = 0;
        foreach (byte c in classes) if (wanted[c]) count++;
        var pixels = new int[count];
        for (int i = 0, next = 0; i < classes.Length; i++) if (wanted[classes[i]]) pixels[next++] = i;
        return pixels;
    }

    private static long[] CumulativeSums(IEnumerable<long> counts)
    {
        long total = 0;
        return counts.Select(c => total += c).ToArray();
    }
}
