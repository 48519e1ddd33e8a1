using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Packaging.Export;

/// <summary>
/// The network an exported package holds and the hyper-parameters needed to build it again, stored in the
/// description as <c>config.modelzoobridge</c> so <c>mzb train --from</c> can load the ONNX initializers into the
/// same architecture.
/// </summary>
/// <param name="Name"><c>architecture</c>: <see cref="UNet2d"/>, <see cref="UNet3d"/> or <see cref="UNet3dAniso"/>.</param>
/// <param name="Depth"><c>depth</c>: resolution levels, so <c>Depth - 1</c> 2× poolings.</param>
/// <param name="FirstLevelFilters"><c>first_level_filters</c>: feature maps of the first level (doubled per level).</param>
/// <param name="InputChannels"><c>input_channels</c>.</param>
/// <param name="Classes"><c>classes</c>: output channels, one probability per class.</param>
/// <param name="Padding"><c>padding</c>: <c>same</c> (output as large as the input) or <c>valid</c>.</param>
/// <param name="Normalization"><c>normalization</c>: <c>batch</c>, <c>instance</c> or <c>none</c>.</param>
public sealed record NetworkArchitecture(
    string Name, int Depth, int FirstLevelFilters, int InputChannels, int Classes, string Padding = "same", string Normalization = "batch")
{
    /// <summary>The 2-D U-Net (axes b,c,y,x).</summary>
    public const string UNet2d = "unet2d";

    /// <summary>The 3-D U-Net (axes b,c,z,y,x), pooling z, y and x at every level.</summary>
    public const string UNet3d = "unet3d";

    /// <summary>The anisotropic 3-D U-Net: its first level pools only y and x (as in DeepMIB).</summary>
    public const string UNet3dAniso = "unet3d-aniso";

    /// <summary>The smallest spatial size, in multiples of the step, so the bottleneck keeps at least 4 pixels.</summary>
    public const int MinBottleneckSize = 4;

    /// <summary>The architectures this version knows.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = [UNet2d, UNet3d, UNet3dAniso];

    /// <summary>The spatial axes in order: y,x for <see cref="UNet2d"/>, z,y,x otherwise.</summary>
    public IReadOnlyList<AxisId> SpatialAxes => Name == UNet2d ? [AxisId.Y, AxisId.X] : [AxisId.Z, AxisId.Y, AxisId.X];

    /// <summary>How many 2× poolings shrink <paramref name="axis"/> on the way to the bottleneck.</summary>
    public int Poolings(AxisId axis) => Depth - 1 - (Name == UNet3dAniso && axis == AxisId.Z ? 1 : 0);

    /// <summary>
    /// The input sizes the network accepts along <paramref name="axis"/>: step 2^poolings so every pooling divides
    /// evenly, min <see cref="MinBottleneckSize"/> steps.
    /// </summary>
    public ParameterizedSize InputSize(AxisId axis)
    {
        int step = 1 << Poolings(axis);
        return new ParameterizedSize(MinBottleneckSize * step, step);
    }

    /// <summary>The problems with these values, one line each; empty when the architecture can be built and exported.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!KnownNames.Contains(Name)) problems.Add($"architecture '{Name}' is not one of {string.Join(", ", KnownNames)}");
        int minDepth = Name == UNet3dAniso ? 2 : 1;
        if (Depth < minDepth || Depth > 8) problems.Add($"depth {Depth} is outside {minDepth}..8");
        if (FirstLevelFilters < 1) problems.Add($"first_level_filters {FirstLevelFilters} is not positive");
        if (InputChannels < 1) problems.Add($"input_channels {InputChannels} is not positive");
        if (Classes < 1) problems.Add($"classes {Classes} is not positive");
        if (Padding is not ("same" or "valid")) problems.Add($"padding '{Padding}' is neither same nor valid");
        if (Normalization is not ("batch" or "instance" or "none")) problems.Add($"normalization '{Normalization}' is not batch, instance or none");
        return problems;
    }
}
