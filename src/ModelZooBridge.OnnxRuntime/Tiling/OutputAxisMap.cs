namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// How one output axis relates to the input blocks (from the output axis' <c>SizeReference</c>, spec §5.1):
/// either it follows input axis <see cref="InputAxis"/> with <c>output = input · Factor + Offset</c>, where
/// <c>Factor = reference_axis.scale / axis.scale</c> (output pixels per input pixel), or it is not tiled and has
/// the fixed size <see cref="Offset"/> (e.g. a channel axis).
/// </summary>
/// <param name="InputAxis">Index of the referenced input axis, or −1 for an untiled axis.</param>
/// <param name="Factor">Output pixels per input pixel.</param>
/// <param name="Offset">
/// Size change of every block output (negative when the model crops a border itself, spec "halo already removed by
/// the model"); must be even so that it splits evenly between the sides. For an untiled axis: its size.
/// </param>
public readonly record struct OutputAxisMap(int InputAxis, double Factor, int Offset)
{
    /// <summary>An axis the model outputs whole (channel, index): one block of <paramref name="size"/>.</summary>
    public static OutputAxisMap Whole(int size) => new(-1, 0, size);

    /// <summary>An axis that follows input axis <paramref name="inputAxis"/>.</summary>
    public static OutputAxisMap FromInput(int inputAxis, double factor = 1, int offset = 0) => new(inputAxis, factor, offset);

    /// <summary>True when the axis is not tiled.</summary>
    public bool IsWhole => InputAxis < 0;
}
