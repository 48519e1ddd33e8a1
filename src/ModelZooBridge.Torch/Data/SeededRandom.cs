namespace ModelZooBridge.Torch.Data;

/// <summary>
/// A small, fast random generator (xoshiro256**, seeded through SplitMix64) whose whole state derives from
/// a few integers, so a batch is a pure function of (seed, epoch, step, sample) and a run can resume at any step.
/// <see cref="System.Random"/> is not used because its seeded sequence is not specified across .NET versions.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    /// <summary>A generator seeded from the given keys (e.g. seed, epoch, step, sample index).</summary>
    public SeededRandom(params ReadOnlySpan<long> keys) => Reseed(keys);

    /// <summary>Restarts the sequence from the given keys; two generators with equal keys give equal sequences.</summary>
    public void Reseed(params ReadOnlySpan<long> keys)
    {
        ulong mix = 0x6A09E667F3BCC908UL;
        foreach (long key in keys) mix = SplitMix(ref mix) ^ (ulong)key;
        _s0 = SplitMix(ref mix);
        _s1 = SplitMix(ref mix);
        _s2 = SplitMix(ref mix);
        _s3 = SplitMix(ref mix);
        _hasSpareGaussian = false;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)NextLong(count);
    }

    /// <summary>A uniform integer in [0, <paramref name="count"/>), without modulo bias.</summary>
    public long NextLong(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ulong bound = (ulong)count;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong high = Math.BigMul(NextBits(), bound, out ulong low);
            if (low >= threshold) return (long)high;
        }
    }

    /// <summary>A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }
        double u = 1.0 - NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u));
        double angle = 2.0 * Math.PI * NextDouble();
        _spareGaussian = radius * Math.Sin(angle);
        _hasSpareGaussian = true;
        return radius * Math.Cos(angle);
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
