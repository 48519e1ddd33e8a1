namespace ModelZooBridge.Imaging.Tiff.Compression;

/// <summary>
/// Decodes one compressed strip or tile. Implementations never write past <c>destination</c> and stop when
/// it is full, so the work per chunk is bounded by the decoded size whatever the input; corrupt data raises
/// <see cref="InvalidDataException"/>, which the caller reports as an <see cref="ImageFormatException"/>.
/// Instances keep scratch state and are not thread-safe.
/// </summary>
internal abstract class TiffDecompressor
{
    /// <summary>
    /// Largest ratio of decoded to encoded bytes the scheme can produce, used to reject chunk sizes that a
    /// corrupt header makes up before any buffer is allocated.
    /// </summary>
    public abstract long MaxExpansion { get; }

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public abstract int Decompress(ReadOnlySpan<byte> source, Span<byte> destination);
}
