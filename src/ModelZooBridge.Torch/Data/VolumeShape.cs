namespace ModelZooBridge.Torch.Data;

/// <summary>Shape of an image or label file as <see cref="ImageVolumeReader"/> lays it out.</summary>
/// <param name="Channels">Channels (1 for labels).</param>
/// <param name="Depth">Slices.</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct VolumeShape(int Channels, int Depth, int Height, int Width)
{
    /// <summary>True when depth, height and width agree (channels may differ).</summary>
    public bool SameSpatialShape(VolumeShape other) => Depth == other.Depth && Height == other.Height && Width == other.Width;

    /// <inheritdoc/>
    public override string ToString() => Channels == 1 ? $"[{Depth},{Height},{Width}] (z,y,x)" : $"[{Channels},{Depth},{Height},{Width}] (c,z,y,x)";
}
