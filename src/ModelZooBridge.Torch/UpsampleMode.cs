namespace ModelZooBridge.Torch;

/// <summary>How <see cref="Functional.Upsample"/> interpolates (the values of <c>MZB_UPSAMPLE_*</c>).</summary>
public enum UpsampleMode
{
    /// <summary>Nearest neighbour.</summary>
    Nearest = 0,
    /// <summary>Bilinear (2 spatial axes) or trilinear (3).</summary>
    Linear = 1,
}
