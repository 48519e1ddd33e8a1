namespace ModelZooBridge.Packaging;

/// <summary>
/// Bounds on what reading a zipped package may inflate. They are checked against the central directory when the
/// package is opened (so a zip bomb is refused before anything is inflated) and enforced again on the bytes
/// actually produced while inflating, so a header that lies about sizes gains nothing.
/// </summary>
public sealed record PackageLimits
{
    /// <summary>The defaults: 10,000 entries, 4 GiB per entry, 8 GiB in total, ratio 100 above 16 MiB.</summary>
    public static PackageLimits Default { get; } = new();

    /// <summary>Most entries (files and folders) a zip may list.</summary>
    public int MaxEntryCount { get; init; } = 10_000;

    /// <summary>Largest uncompressed size of one entry, in bytes.</summary>
    public long MaxEntrySize { get; init; } = 4L << 30;

    /// <summary>Largest sum of the uncompressed sizes of all entries, in bytes.</summary>
    public long MaxTotalSize { get; init; } = 8L << 30;

    /// <summary>
    /// Largest uncompressed-to-compressed size ratio of an entry bigger than <see cref="RatioCheckThreshold"/>.
    /// Real weights and test tensors stay far below it; deflated runs of zeros reach about 1000.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries up to this uncompressed size are exempt from the ratio check (small files of zeros compress very well).</summary>
    public long RatioCheckThreshold { get; init; } = 16L << 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a limit is not positive.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntryCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntrySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTotalSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCompressionRatio);
        ArgumentOutOfRangeException.ThrowIfNegative(RatioCheckThreshold);
    }

    /// <summary>True when <paramref name="uncompressed"/> bytes from <paramref name="compressed"/> bytes break the ratio limit.</summary>
    internal bool ExceedsRatio(long uncompressed, long compressed) =>
        uncompressed > RatioCheckThreshold && uncompressed > MaxCompressionRatio * Math.Max(compressed, 1);
}
