namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Context pixels on each side of a block's inner region along one axis (bioimage.io core's <c>Halo(left, right)</c>).
/// A model's output halo is the margin that is cropped from each side of an output tile
/// (<see href="https://bioimage.io/spec">spec 0.5, <c>WithHalo</c></see>).
/// </summary>
/// <param name="Left">Pixels before the inner region.</param>
/// <param name="Right">Pixels after the inner region.</param>
public readonly record struct Halo(int Left, int Right)
{
    /// <summary>No context.</summary>
    public static Halo None => default;

    /// <summary>The same halo on both sides.</summary>
    public static Halo Symmetric(int width) => new(width, width);

    /// <summary><see cref="Left"/> + <see cref="Right"/>.</summary>
    public int Total => Left + Right;
}
