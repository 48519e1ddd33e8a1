using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Estimates the receptive field of a model that declares no halo, by perturbing single input pixels and finding the
/// output pixels that change. What it measures: for each probed input axis (space, time), how many input pixels before
/// and after an output pixel can change that output — the halo a tile needs so that cropping it reproduces the whole-image
/// result — on the ONNX graph itself (network input values, no pre- or postprocessing).
/// </summary>
/// <remarks>
/// <para>
/// Each round runs the graph on one probe tensor (every probed axis the smallest <c>min + n·step</c> of at least the
/// wanted size, fixed and graph-fixed sizes as they are, batch 1): on a zero background with an impulse of +1 and of −1
/// at the centre (all channels), and on a seeded standard-normal background with perturbations of +1 and −1 at the
/// centre and +1 one pixel further (another phase of pooling grids). A ReLU that is off at one pixel on one background
/// can hide a path; the five probes together rarely do, and the estimate is the widest extent any of them shows, so it
/// can only err low where every probe happens to leave a path dead. Output positions map back to input pixels through the
/// description's size references (scale and offset, <see cref="SpecDigest.OutputAxisMaps"/>).
/// </para>
/// <para>
/// When a response reaches the probe's border on an axis that can grow, the next round doubles the size, up to
/// <see cref="HaloProbeOptions.MaxSize"/>; a response that still reaches the border (global operations such as instance
/// normalisation, or a field wider than the probe) is flagged in <see cref="HaloEstimate.ReachesBorder"/> as a lower bound.
/// Deterministic for a given <see cref="HaloProbeOptions.Seed"/>.
/// </para>
/// </remarks>
public static class HaloProbe
{
    private const int Zero = 0, Random = 1;

    /// <summary>Probes the model <paramref name="model"/> whose ONNX weights <paramref name="session"/> runs.</summary>
    /// <remarks>
    /// A model with several inputs (which must tile the axes of the first, as <see cref="Predictor"/> requires) is probed
    /// through each input in turn, the others holding the round's background; the estimate is the widest response over
    /// all inputs, on the first input's axes (blocks follow the first input).
    /// </remarks>
    /// <param name="session">A session of the model's ONNX weights (graph tensors map to described ones by id, else by position).</param>
    /// <param name="model">The model description: input sizes, and how outputs follow the input.</param>
    /// <param name="options">Sizes, seed and tolerance; defaults when null.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    /// <exception cref="NotSupportedException">
    /// For a graph input that is not float32, inputs that do not share their tiled axes, or sizes the probe cannot derive
    /// (data-dependent sizes, outputs that do not follow the inputs).
    /// </exception>
    public static HaloEstimate Estimate(InferenceSession session, ModelDescr model, HaloProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new HaloProbeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StartSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSize, options.StartSize);
        var inputs = model.Inputs.ToArray();
        if (session.InputMetadata.Count != inputs.Length)
            throw new NotSupportedException($"the description has {inputs.Length} inputs, the ONNX graph {session.InputMetadata.Count}");
        if (session.OutputMetadata.Count < model.Outputs.Count)
            throw new NotSupportedException($"the description has {model.Outputs.Count} outputs, the ONNX graph {session.OutputMetadata.Count}");
        var graphInputs = inputs.All(i => session.InputMetadata.Any(m => m.Name == i.Id))
            ? inputs.Select(i => session.InputMetadata.First(m => m.Name == i.Id)).ToArray()
            : [.. session.InputMetadata];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (graphInputs[i].ElementType != DType.Float32)
                throw new NotSupportedException($"graph input '{graphInputs[i].Name}' is {graphInputs[i].ElementTypeName}; the halo probe feeds float32");
            if (graphInputs[i].Dimensions.Count != inputs[i].Axes.Count)
                throw new NotSupportedException($"graph input '{graphInputs[i].Name}' has rank {graphInputs[i].Dimensions.Count}, input '{inputs[i].Id}' describes {inputs[i].Axes.Count} axes");
        }

        var first = inputs[0];
        var sharing = inputs[1..];
        var firstDims = graphInputs[0].Dimensions;
        // Block sizes every input admits, on the first input's tiled axes (the sample size does not matter here).
        var sizes = SpecDigest.TileAxisConstraints(first, new int[first.Axes.Count], new Halo[first.Axes.Count], 0, sharing);
        var maps = model.Outputs.Select(o => SpecDigest.OutputAxisMaps(first, o, sharing)).ToArray();
        var response = new ProbeResponse(session, [.. graphInputs.Select(g => g.Name)], [.. session.OutputMetadata.Take(model.Outputs.Count).Select(m => m.Name)],
            maps, options.Tolerance, cancellationToken);
        var axes = inputs.Select(i => i.Axes.Select(a => a.Id).ToArray()).ToArray();
        var probed = inputs.Select(i => i.Axes.Select(a => !SpecDigest.IsUntiled(a)).ToArray()).ToArray();
        for (int target = options.StartSize; ; target = Math.Min(2 * target, options.MaxSize))
        {
            var firstShape = ProbeShape(first, firstDims, sizes, target);
            int[][] shapes = [firstShape, .. inputs.Skip(1).Select((input, i) => SharedShape(input, graphInputs[i + 1].Dimensions, first, firstShape))];
            response.Measure(shapes, axes, probed, options.Seed);
            bool grows = target < options.MaxSize && Enumerable.Range(0, firstShape.Length)
                .Any(d => response.ReachesBorder[d] && probed[0][d] && sizes[d].Step > 0 && firstDims[d] <= 0);
            if (!grows)
                return new HaloEstimate(first.Id, [.. axes[0]], [.. response.Context], [.. response.ReachesBorder], [.. firstShape], response.Responded, response.Runs);
        }
    }

    /// <summary>
    /// The probe tensor's shape for the first input: tiled axes the smallest admissible <c>min + n·step ≥ target</c>
    /// (<paramref name="sizes"/>), other axes as <see cref="GivenSize"/> sets them.
    /// </summary>
    private static int[] ProbeShape(InputTensorDescr input, IReadOnlyList<long> graphDims, TileAxisConstraint[] sizes, int target)
    {
        var shape = new int[input.Axes.Count];
        for (int d = 0; d < shape.Length; d++)
        {
            var (min, step) = (sizes[d].Min, sizes[d].Step);
            shape[d] = SpecDigest.IsUntiled(input.Axes[d]) || graphDims[d] > 0 ? GivenSize(input, input.Axes[d], graphDims[d])
                : step == 0 || target <= min ? min : min + (target - min + step - 1) / step * step;
        }
        return shape;
    }

    /// <summary>A further input's probe shape: its tiled axes as the first input's of the same id, the others as <see cref="GivenSize"/> sets them.</summary>
    private static int[] SharedShape(InputTensorDescr input, IReadOnlyList<long> graphDims, InputTensorDescr first, int[] firstShape) =>
        [.. input.Axes.Select((axis, d) => SpecDigest.IsUntiled(axis)
            ? GivenSize(input, axis, graphDims[d])
            : firstShape[first.Axes.ToList().FindIndex(a => a.Id == axis.Id)])];

    /// <summary>The size of an axis the probe does not choose: a graph-fixed dimension, batch 1, the channel count, or a fixed size.</summary>
    private static int GivenSize(InputTensorDescr input, AxisDescr axis, long graphDim) => graphDim > 0 ? checked((int)graphDim) : axis switch
    {
        BatchAxis b => b.Size ?? 1,
        ChannelAxis c => c.ChannelNames.Count,
        _ => SpecDigest.InputSize(axis) is FixedSize f ? f.Value
            : throw new NotSupportedException($"input '{input.Id}' axis '{axis.Id}': the probe cannot choose a size for {SpecDigest.InputSize(axis)}"),
    };

    /// <summary>Runs the probes of one round and accumulates the widest response over all rounds.</summary>
    private sealed class ProbeResponse(InferenceSession session, string[] inputNames, string[] outputNames, OutputAxisMap[][] maps, double tolerance,
        CancellationToken cancellationToken)
    {
        public Halo[] Context = [];

        public bool[] ReachesBorder = [];

        public bool Responded;

        public int Runs;

        /// <summary>
        /// One round: per background, the baseline run, then each input perturbed in turn (the others at the background).
        /// Shared tiled axes have the same sizes in every input, so an impulse at an input's centre sits at the first
        /// input's centre, the coordinates <see cref="Accumulate"/> works in.
        /// </summary>
        public void Measure(int[][] shapes, AxisId[][] axes, bool[][] probed, int seed)
        {
            Context = new Halo[shapes[0].Length];
            ReachesBorder = new bool[shapes[0].Length];
            foreach (int background in new[] { Zero, Random })
            {
                var baseInputs = new NdArray<float>[shapes.Length];
                NdArray<float>[]? baseOutputs = null;
                try
                {
                    for (int i = 0; i < shapes.Length; i++)
                    {
                        baseInputs[i] = new NdArray<float>(shapes[i], axes[i]);
                        if (background == Random) FillStandardNormal(baseInputs[i].Span, seed + i);
                    }
                    baseOutputs = Run(baseInputs);
                    // An input without tiled axes has no pixel to perturb: it goes whole with every block.
                    for (int i = 0; i < shapes.Length; i++)
                    {
                        if (probed[i].Contains(true)) Perturb(baseInputs, i, baseOutputs, probed, background);
                    }
                }
                finally
                {
                    foreach (var x in baseInputs) x?.Dispose();
                    foreach (var o in baseOutputs ?? []) o.Dispose();
                }
            }
        }

        /// <summary>Runs the impulses of one background through input <paramref name="i"/> and accumulates their responses.</summary>
        private void Perturb(NdArray<float>[] baseInputs, int i, NdArray<float>[] baseOutputs, bool[][] probed, int background)
        {
            var shape = baseInputs[i].Shape.ToArray();
            int[] Centre(int[] s, bool[] p, int offset) => [.. s.Select((n, d) => p[d] ? Math.Min(n - 1, n / 2 + offset) : 0)];
            var impulses = background == Zero
                ? new[] { (1f, 0), (-1f, 0) }
                : [(1f, 0), (-1f, 0), (1f, 1)];
            using var probe = new NdArray<float>(shape, baseInputs[i].Axes.AsSpan());
            var feeds = (NdArray<float>[])baseInputs.Clone();
            feeds[i] = probe;
            foreach (var (delta, offset) in impulses)
            {
                baseInputs[i].Span.CopyTo(probe.Span);
                AddImpulse(probe.Span, shape, probed[i], Centre(shape, probed[i], offset), delta);
                var outputs = Run(feeds);
                try
                {
                    var at = Centre(baseInputs[0].Shape.ToArray(), probed[0], offset);
                    for (int k = 0; k < outputs.Length; k++) Accumulate(outputs[k], baseOutputs[k], maps[k], probed[0], at);
                }
                finally
                {
                    foreach (var o in outputs) o.Dispose();
                }
            }
        }

        private NdArray<float>[] Run(NdArray<float>[] feeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Runs++;
            var values = new OrtValue[feeds.Length];
            OrtValueCollection results;
            try
            {
                for (int i = 0; i < feeds.Length; i++) values[i] = OrtValue.FromNdArray(feeds[i]);
                results = session.Run(inputNames, values, outputNames, cancellationToken);
            }
            finally
            {
                foreach (var value in values) value?.Dispose();
            }
            using var _ = results;
            var outputs = new NdArray<float>[results.Count];
            for (int k = 0; k < outputs.Length; k++)
            {
                var raw = results[k].ToNdArray();
                if (raw is NdArray<float> floats)
                {
                    outputs[k] = floats;
                    continue;
                }
                outputs[k] = raw.ToFloat32();
                raw.Dispose();
            }
            return outputs;
        }

        /// <summary>Widens the context by the extent of the outputs that changed for an impulse at <paramref name="at"/>.</summary>
        private void Accumulate(NdArray<float> perturbed, NdArray<float> baseline, OutputAxisMap[] map, bool[] probed, int[] at)
        {
            if (!perturbed.Shape.SequenceEqual(baseline.Shape) || perturbed.Rank != map.Length)
                throw new NotSupportedException($"the graph's output shape [{string.Join(",", perturbed.Shape)}] does not fit its description ({map.Length} axes)");
            int rank = perturbed.Rank;
            var first = Enumerable.Repeat(int.MaxValue, rank).ToArray();
            var last = Enumerable.Repeat(-1, rank).ToArray();
            var coordinate = new int[rank];
            var a = perturbed.Span;
            var b = baseline.Span;
            for (int i = 0; i < a.Length; i++)
            {
                if (Changed(a[i], b[i]))
                {
                    for (int d = 0; d < rank; d++)
                    {
                        first[d] = Math.Min(first[d], coordinate[d]);
                        last[d] = Math.Max(last[d], coordinate[d]);
                    }
                }
                for (int d = rank - 1; d >= 0 && ++coordinate[d] == perturbed.Shape[d]; d--) coordinate[d] = 0;
            }
            if (last[0] < 0) return;
            Responded = true;
            for (int axis = 0; axis < rank; axis++)
            {
                var m = map[axis];
                if (m.IsWhole || !probed[m.InputAxis]) continue;
                int d = m.InputAxis;
                double shift = m.Offset / 2.0;
                int lowest = (int)Math.Floor((first[axis] - shift) / m.Factor + 1e-9);
                int highest = (int)Math.Ceiling((last[axis] - shift + 1) / m.Factor - 1e-9) - 1;
                // An output at i changes when the impulse lies within [i − before, i + after], so the changed outputs
                // span [at − after, at + before].
                Context[d] = new Halo(Math.Max(Context[d].Left, highest - at[d]), Math.Max(Context[d].Right, at[d] - lowest));
                if (first[axis] == 0 || last[axis] == perturbed.Shape[axis] - 1) ReachesBorder[d] = true;
            }
        }

        private bool Changed(float x, float y) =>
            float.IsNaN(x) || float.IsNaN(y) ? float.IsNaN(x) != float.IsNaN(y) : Math.Abs((double)x - y) > tolerance;
    }

    /// <summary>Adds <paramref name="delta"/> at every element whose probed coordinates equal <paramref name="at"/> (all channels and batch entries).</summary>
    private static void AddImpulse(Span<float> data, int[] shape, bool[] probed, int[] at, float delta)
    {
        var coordinate = new int[shape.Length];
        for (int i = 0; i < data.Length; i++)
        {
            bool hit = true;
            for (int d = 0; d < shape.Length && hit; d++) hit = !probed[d] || coordinate[d] == at[d];
            if (hit) data[i] += delta;
            for (int d = shape.Length - 1; d >= 0 && ++coordinate[d] == shape[d]; d--) coordinate[d] = 0;
        }
    }

    /// <summary>Seeded standard-normal values (Box–Muller), so that a probe is repeatable.</summary>
    private static void FillStandardNormal(Span<float> data, int seed)
    {
        var random = new System.Random(seed);
        for (int i = 0; i < data.Length; i += 2)
        {
            double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            double angle = 2 * Math.PI * random.NextDouble();
            data[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < data.Length) data[i + 1] = (float)(radius * Math.Sin(angle));
        }
    }
}
