using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// The test-time augmentation of one plan: the <see cref="Dihedral"/> transforms applied to every input block and
/// undone on every output block, with where the spatial axes sit in the input and in each output.
/// </summary>
/// <param name="Transforms">The transforms run, identity first (only identity without augmentation).</param>
/// <param name="Inputs">Spatial axes of each input's block.</param>
/// <param name="Outputs">Spatial axes of each output block (the output axes that follow the input's z, y, x).</param>
internal sealed record Augmentation(IReadOnlyList<Dihedral> Transforms, SpatialAxes[] Inputs, SpatialAxes[] Outputs)
{
    /// <summary>One plain run.</summary>
    public static Augmentation None(int inputCount, int outputCount) =>
        new([Dihedral.Identity], [.. Enumerable.Repeat(SpatialAxes.None, inputCount)], [.. Enumerable.Repeat(SpatialAxes.None, outputCount)]);

    /// <summary>
    /// All dihedral transforms the model and block shape allow: flips of the input's z, y, x space axes; y,x swaps
    /// (rotations) only when the block is square and every output that follows y and x scales them alike, so each
    /// output block stays square. None at all when an output has a space axis that does not follow the input.
    /// Further <paramref name="inputs"/> (tiled with the first, whose axes <paramref name="maps"/> follow) get the same transforms on their own space axes.
    /// </summary>
    public static Augmentation For(IReadOnlyList<InputTensorDescr> inputs, IReadOnlyList<OutputTensorDescr> outputs, OutputAxisMap[][] maps, IReadOnlyList<int> blockShape)
    {
        var spatial = inputs.Select(i => new SpatialAxes(SpaceAxis(i, AxisId.Z), SpaceAxis(i, AxisId.Y), SpaceAxis(i, AxisId.X))).ToArray();
        var inputAxes = spatial[0];
        bool unmappable = outputs.Select((o, k) => o.Axes.Where((a, i) => a is SpaceOutputAxis or SpaceOutputAxisWithHalo && maps[k][i].IsWhole).Any()).Any(b => b);
        if (unmappable) return None(inputs.Count, outputs.Count);
        var outputAxes = maps.Select(m => new SpatialAxes(Following(m, inputAxes.Z), Following(m, inputAxes.Y), Following(m, inputAxes.X))).ToArray();
        bool square = inputAxes.Y >= 0 && inputAxes.X >= 0 && blockShape[inputAxes.Y] == blockShape[inputAxes.X]
            && outputAxes.Zip(maps).All(o => KeepsSquare(o.First, o.Second));
        return new Augmentation(Dihedral.Group(inputAxes, square), spatial, outputAxes);
    }

    private static bool KeepsSquare(SpatialAxes output, OutputAxisMap[] maps) =>
        (output.Y < 0 && output.X < 0)
        || (output.Y >= 0 && output.X >= 0 && maps[output.Y].Factor == maps[output.X].Factor && maps[output.Y].Offset == maps[output.X].Offset);

    private static int SpaceAxis(InputTensorDescr input, AxisId id) => input.Axes.ToList().FindIndex(a => a is SpaceInputAxis && a.Id == id);

    private static int Following(OutputAxisMap[] maps, int inputAxis) => inputAxis < 0 ? -1 : Array.FindIndex(maps, m => m.InputAxis == inputAxis);
}
