using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Pure functions that derive runtime facts from a model description (bioimage.io core's <c>digest_spec</c>,
/// re-derived for spec 0.5 §5.1 sizes and halos). Nothing here touches an engine or an array.
/// </summary>
public static class SpecDigest
{
    /// <summary>The package-relative ONNX weights file.</summary>
    /// <exception cref="NotSupportedException">When the description has no ONNX weights.</exception>
    public static string OnnxWeightsSource(ModelDescr model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Weights.Onnx?.Source
            ?? throw new NotSupportedException(
                $"the model has no onnx weights (it has: {string.Join(", ", model.Weights.Entries.Select(e => e.Format))})");
    }

    /// <summary>True for axes that are never tiled: batch, channel and index axes.</summary>
    public static bool IsUntiled(AxisDescr axis) => axis is BatchAxis or ChannelAxis or IndexInputAxis or IndexOutputAxis;

    /// <summary>The size of a channel axis (its channel names), or null for other axes.</summary>
    public static int? ChannelCount(AxisDescr axis) => axis is ChannelAxis c ? c.ChannelNames.Count : null;

    /// <summary>The physical scale of a space or time axis (1 for other axes).</summary>
    public static double Scale(AxisDescr axis) => axis switch
    {
        SpaceInputAxis a => a.Scale,
        TimeInputAxis a => a.Scale,
        SpaceOutputAxis a => a.Scale,
        TimeOutputAxis a => a.Scale,
        SpaceOutputAxisWithHalo a => a.Scale,
        TimeOutputAxisWithHalo a => a.Scale,
        _ => 1.0,
    };

    /// <summary>The declared size of an input axis, or null for batch and channel axes.</summary>
    public static AxisSize? InputSize(AxisDescr axis) => axis switch
    {
        SpaceInputAxis a => a.Size,
        TimeInputAxis a => a.Size,
        IndexInputAxis a => a.Size,
        _ => null,
    };

    /// <summary>The declared halo of each output axis (0 where none is declared).</summary>
    public static int[] OutputHalo(OutputTensorDescr output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return [.. output.Axes.Select(a => a switch
        {
            SpaceOutputAxisWithHalo h => h.Halo,
            TimeOutputAxisWithHalo h => h.Halo,
            _ => 0,
        })];
    }

    /// <summary>
    /// How each output axis of <paramref name="output"/> follows the axes of <paramref name="input"/>: a size reference
    /// to an input axis gives <c>Factor = reference.scale / axis.scale</c> and its offset; batch follows the input's batch
    /// axis; channel and fixed-size axes are whole. A reference to an axis of one of <paramref name="sharing"/> (inputs
    /// tiled together with <paramref name="input"/>) follows <paramref name="input"/>'s axis of the same id.
    /// </summary>
    /// <param name="input">The input the output's blocks follow.</param>
    /// <param name="output">The output.</param>
    /// <param name="sharing">Further inputs whose tiled axes are those of <paramref name="input"/>; none when null.</param>
    /// <exception cref="NotSupportedException">For sizes the tiled predictor cannot follow (data dependent, parameterized outputs, references to other tensors).</exception>
    public static OutputAxisMap[] OutputAxisMaps(InputTensorDescr input, OutputTensorDescr output, IReadOnlyList<InputTensorDescr>? sharing = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var maps = new OutputAxisMap[output.Axes.Count];
        for (int a = 0; a < maps.Length; a++)
        {
            var axis = output.Axes[a];
            AxisSize? size = axis switch
            {
                SpaceOutputAxis s => s.Size,
                TimeOutputAxis s => s.Size,
                SpaceOutputAxisWithHalo s => s.Size,
                TimeOutputAxisWithHalo s => s.Size,
                IndexOutputAxis s => s.Size,
                _ => null,
            };
            maps[a] = axis switch
            {
                BatchAxis => FollowBatch(input, output.Id),
                ChannelAxis c => OutputAxisMap.Whole(c.ChannelNames.Count),
                _ => size switch
                {
                    FixedSize f => OutputAxisMap.Whole(f.Value),
                    SizeReference r when r.TensorId == input.Id => FollowReference(input, axis, r),
                    SizeReference r when sharing?.FirstOrDefault(i => i.Id == r.TensorId) is { } other => FollowReference(input, axis, r, other),
                    _ => throw new NotSupportedException(
                        $"output '{output.Id}' axis '{axis.Id}': size {size} cannot be derived from input '{input.Id}'"),
                },
            };
        }
        return maps;
    }

    /// <summary>
    /// The input halo per input axis: for every output axis that references it, the output halo divided by the factor
    /// (spec: must be whole), the largest over all outputs.
    /// </summary>
    /// <param name="input">The input the outputs' blocks follow.</param>
    /// <param name="outputs">The outputs.</param>
    /// <param name="sharing">As for <see cref="OutputAxisMaps"/>.</param>
    public static Halo[] InputHalo(InputTensorDescr input, IReadOnlyList<OutputTensorDescr> outputs, IReadOnlyList<InputTensorDescr>? sharing = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputs);
        var halo = new int[input.Axes.Count];
        foreach (var output in outputs)
        {
            var maps = OutputAxisMaps(input, output, sharing);
            var outHalo = OutputHalo(output);
            for (int a = 0; a < maps.Length; a++)
            {
                if (maps[a].IsWhole || outHalo[a] == 0) continue;
                halo[maps[a].InputAxis] = Math.Max(halo[maps[a].InputAxis], BlockTransform.InputHalo(outHalo[a], maps[a].Factor));
            }
        }
        return [.. halo.Select(Halo.Symmetric)];
    }

    /// <summary>True when some output declares a halo (crop-to-valid tiling); otherwise tiles are blended.</summary>
    public static bool DeclaresHalo(IReadOnlyList<OutputTensorDescr> outputs) =>
        outputs.Any(o => OutputHalo(o).Any(h => h > 0));

    /// <summary>
    /// The tiling constraint of every input axis for a sample of <paramref name="sampleShape"/> (in the input's axis
    /// order): parameterized sizes give <c>min</c>/<c>step</c>, fixed sizes a fixed block, batch/channel/index axes are whole.
    /// </summary>
    /// <param name="input">The input description.</param>
    /// <param name="sampleShape">The sample's size along each input axis.</param>
    /// <param name="halo">The input halo per axis (<see cref="InputHalo"/>).</param>
    /// <param name="minOverlap">Overlap wanted on tiled axes (for blending; 0 for crop-to-valid).</param>
    /// <param name="sharing">
    /// Further inputs cut into the same blocks (same tiled axis ids): each tiled axis takes only sizes every input admits.
    /// None when null.
    /// </param>
    /// <exception cref="NotSupportedException">When no block size suits every input, or a size cannot be tiled.</exception>
    public static TileAxisConstraint[] TileAxisConstraints(InputTensorDescr input, IReadOnlyList<int> sampleShape, IReadOnlyList<Halo> halo, int minOverlap,
        IReadOnlyList<InputTensorDescr>? sharing = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(halo);
        if (sampleShape.Count != input.Axes.Count || halo.Count != input.Axes.Count)
            throw new ArgumentException($"input '{input.Id}' has {input.Axes.Count} axes; got shape rank {sampleShape.Count} and halo rank {halo.Count}");
        var constraints = new TileAxisConstraint[sampleShape.Count];
        for (int d = 0; d < constraints.Length; d++)
        {
            var axis = input.Axes[d];
            if (IsUntiled(axis))
            {
                constraints[d] = TileAxisConstraint.Whole(sampleShape[d]);
                continue;
            }
            var (min, step) = SharedBlockSizes(axis.Id, [input, .. sharing ?? []]);
            constraints[d] = new TileAxisConstraint(sampleShape[d], min, step, halo[d], minOverlap);
        }
        return constraints;
    }

    /// <summary>
    /// The block sizes <c>min + n·step</c> (step 0: fixed) that every one of <paramref name="inputs"/> admits along its
    /// axis <paramref name="axisId"/>. An axis whose size references another of the inputs follows it and adds nothing.
    /// </summary>
    private static (int Min, int Step) SharedBlockSizes(AxisId axisId, InputTensorDescr[] inputs)
    {
        (int Min, int Step)? shared = null;
        foreach (var input in inputs)
        {
            // Inputs without tiled axes go whole with every block and constrain nothing.
            if (input.Axes.FirstOrDefault(a => a.Id == axisId) is not { } axis) continue;
            (int Min, int Step)? own = InputSize(axis) switch
            {
                ParameterizedSize p => (p.Min, p.Step),
                FixedSize f => (f.Value, 0),
                SizeReference r when r.Offset == 0 && r.AxisId == axisId && r.TensorId != input.Id && inputs.Any(i => i.Id == r.TensorId) => null,
                var other => throw new NotSupportedException($"input '{input.Id}' axis '{axis.Id}': size {other} is not supported for tiling"),
            };
            if (own is not { } sizes) continue;
            shared = shared is { } s ? Intersect(s, sizes)
                ?? throw new NotSupportedException(
                    $"no block size along '{axisId}' suits every input (input '{input.Id}' takes {Describe(sizes)}, the others {Describe(s)})")
                : sizes;
        }
        return shared ?? throw new NotSupportedException($"the sizes of axis '{axisId}' only reference each other");
    }

    /// <summary>The sizes in both <c>min + n·step</c> series (a series again, with the least common multiple as step), or null when none.</summary>
    private static (int Min, int Step)? Intersect((int Min, int Step) a, (int Min, int Step) b)
    {
        if (a.Step == 0 || b.Step == 0)
        {
            var (fixedSize, series) = a.Step == 0 ? (a.Min, b) : (b.Min, a);
            return Admits(series, fixedSize) ? (fixedSize, 0) : null;
        }
        long step = (long)a.Step / Gcd(a.Step, b.Step) * b.Step;
        int start = Math.Max(a.Min, b.Min);
        for (long size = start; size < start + step; size++)
        {
            if (Admits(a, (int)size) && Admits(b, (int)size)) return ((int)size, checked((int)step));
        }
        return null;
    }

    private static bool Admits((int Min, int Step) series, int size) =>
        size >= series.Min && (series.Step == 0 ? size == series.Min : (size - series.Min) % series.Step == 0);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static string Describe((int Min, int Step) sizes) => sizes.Step == 0 ? $"{sizes.Min}" : $"{sizes.Min} + n·{sizes.Step}";

    private static OutputAxisMap FollowBatch(InputTensorDescr input, string outputId)
    {
        int index = input.Axes.ToList().FindIndex(a => a is BatchAxis);
        return index >= 0
            ? OutputAxisMap.FromInput(index)
            : throw new NotSupportedException($"output '{outputId}' has a batch axis but input '{input.Id}' has none");
    }

    /// <summary>The map of an output axis whose size references <paramref name="referenced"/> (default: <paramref name="input"/>), following <paramref name="input"/>'s axis of that id.</summary>
    private static OutputAxisMap FollowReference(InputTensorDescr input, AxisDescr axis, SizeReference reference, InputTensorDescr? referenced = null)
    {
        referenced ??= input;
        var source = referenced.Axes.FirstOrDefault(a => a.Id == reference.AxisId);
        int index = input.Axes.ToList().FindIndex(a => a.Id == reference.AxisId);
        if (source is null || index < 0 || (referenced != input && (IsUntiled(source) || IsUntiled(input.Axes[index]))))
        {
            throw new NotSupportedException($"axis '{axis.Id}' references '{reference.TensorId}.{reference.AxisId}', which "
                + (source is null ? "does not exist" : $"is not a tiled axis shared with input '{input.Id}'"));
        }
        double factor = Scale(source) / Scale(axis);
        return OutputAxisMap.FromInput(index, factor, reference.Offset);
    }
}
