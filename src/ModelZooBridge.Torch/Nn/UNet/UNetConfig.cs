namespace ModelZooBridge.Torch.Nn;

/// <summary>The shape of a U-Net (see <see cref="UNet"/>). The defaults give the reference 2D U-Net: 32-64-128-256, 1,926,466 parameters.</summary>
/// <param name="Depth">Number of poolings; the network has <c>Depth + 1</c> levels.</param>
/// <param name="FirstLevelFilters">Channels of the first level; each deeper level doubles them.</param>
/// <param name="Padding">Same or valid convolutions.</param>
/// <param name="Normalization">Batch, instance or no normalisation.</param>
/// <param name="Classes">Output channels (logits).</param>
/// <param name="InputChannels">Input channels.</param>
public sealed record UNetConfig(
    int Depth = 3,
    int FirstLevelFilters = 32,
    UNetPadding Padding = UNetPadding.Same,
    UNetNormalization Normalization = UNetNormalization.Batch,
    int Classes = 2,
    int InputChannels = 1)
{
    /// <summary>Throws with the offending value when a field is out of range.</summary>
    public void Validate()
    {
        if (Depth is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "U-Net depth must be in [0, 8]");
        if (FirstLevelFilters < 1) throw new ArgumentOutOfRangeException(nameof(FirstLevelFilters), FirstLevelFilters, "first-level filters must be positive");
        if (Classes < 1) throw new ArgumentOutOfRangeException(nameof(Classes), Classes, "class count must be positive");
        if (InputChannels < 1) throw new ArgumentOutOfRangeException(nameof(InputChannels), InputChannels, "input channel count must be positive");
    }
}
