namespace ModelZooBridge.Imaging;

/// <summary>Writer options that apply across formats; a format ignores what it cannot do.</summary>
public sealed record ImageWriteOptions
{
    /// <summary>Deflate-compress TIFF strips (PNG is always compressed, NPY never).</summary>
    public bool Deflate { get; init; }

    /// <summary>Force (true) or forbid (false) BigTIFF; null chooses BigTIFF only when the file could pass 4 GiB.</summary>
    public bool? BigTiff { get; init; }
}
