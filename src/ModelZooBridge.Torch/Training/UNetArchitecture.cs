using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// Maps a <see cref="UNet"/> to the <see cref="NetworkArchitecture"/> a package records in <c>config.modelzoobridge</c>
/// and back. The package's <c>depth</c> counts resolution levels, <see cref="UNetConfig.Depth"/> counts poolings.
/// </summary>
public static class UNetArchitecture
{
    /// <summary>The architecture record of <paramref name="model"/>.</summary>
    public static NetworkArchitecture Describe(UNet model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        string name = model.Kind switch
        {
            UNetKind.TwoD => NetworkArchitecture.UNet2d,
            UNetKind.ThreeD => NetworkArchitecture.UNet3d,
            _ => NetworkArchitecture.UNet3dAniso,
        };
        string padding = config.Padding == UNetPadding.Same ? "same" : "valid";
        string normalization = config.Normalization switch
        {
            UNetNormalization.Batch => "batch",
            UNetNormalization.Instance => "instance",
            _ => "none",
        };
        return new NetworkArchitecture(name, config.Depth + 1, config.FirstLevelFilters, config.InputChannels, config.Classes, padding, normalization);
    }

    /// <summary>A new network of <paramref name="architecture"/>, freshly initialised (e.g. to load a package's weights into).</summary>
    /// <exception cref="ArgumentException">The architecture has a problem (<see cref="NetworkArchitecture.Problems"/>).</exception>
    public static UNet Create(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (architecture.Problems() is [var problem, ..]) throw new ArgumentException(problem, nameof(architecture));
        var config = new UNetConfig(
            architecture.Depth - 1, architecture.FirstLevelFilters,
            architecture.Padding == "same" ? UNetPadding.Same : UNetPadding.Valid,
            architecture.Normalization switch
            {
                "batch" => UNetNormalization.Batch,
                "instance" => UNetNormalization.Instance,
                _ => UNetNormalization.None,
            },
            architecture.Classes, architecture.InputChannels);
        return architecture.Name switch
        {
            NetworkArchitecture.UNet2d => UNet.Create2D(config),
            NetworkArchitecture.UNet3d => UNet.Create3D(config),
            _ => UNet.CreateAnisotropic3D(config),
        };
    }
}
