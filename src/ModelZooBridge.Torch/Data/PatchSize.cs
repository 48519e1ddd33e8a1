namespace ModelZooBridge.Torch.Data;

/// <summary>The spatial size of a training patch; a depth of 1 means a 2D patch (batches <c>N,C,Y,X</c>), otherwise 3D (<c>N,C,Z,Y,X</c>).</summary>
/// <param name="Depth">Slices (1 for 2D).</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct PatchSize(int Depth, int Height, int Width)
{
    /// <summary>A 2D patch.</summary>
    public static PatchSize Planar(int height, int width) => new(1, height, width);

    /// <summary>True for a 2D patch.</summary>
    public bool Is2D => Depth == 1;

    /// <summary>Pixels in the patch.</summary>
    public int VoxelCount => Depth * Height * Width;

    /// <summary>The spatial dimensions as they appear in a batch: <c>[Y,X]</c> or <c>[Z,Y,X]</c>.</summary>
    public int[] SpatialShape => Is2D ? [Height, Width] : [Depth, Height, Width];

    /// <summary>Throws when a size is not positive.</summary>
    public void Validate()
    {
        if (Depth <= 0 || Height <= 0 || Width <= 0)
            throw new ArgumentOutOfRangeException(nameof(PatchSize), this, "patch sizes must be positive");
    }

    /// <inheritdoc/>
    public override string ToString() => Is2D ? $"{Height}x{Width}" : $"{Depth}x{Height}x{Width}";
}
