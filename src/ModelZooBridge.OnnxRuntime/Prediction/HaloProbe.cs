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

    /// <summary>Probes the single-input model <paramref name="model"/> whose ONNX weights <paramref name="session"/> runs.</summary>
    /// <param name="session">A session of the model's ONNX weights (graph outputs map to described outputs by position).</param>
    /// <param name="model">The model description: input sizes, and how outputs follow the input.</param>
    /// <param name="options">Sizes, seed and tolerance; defaults when null.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    /// <exception cref="NotSupportedException">
    /// For several inputs, a graph input that is not float32, or sizes the probe cannot derive (input sizes referencing
    /// other tensors, outputs that do not follow the input).
    /// </exception>
    public static HaloEstimate Estimate(InferenceSession session, ModelDescr model, HaloProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new HaloProbeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StartSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSize, options.StartSize);
        if (model.Inputs.Count != 1 || session.InputMetadata.Count != 1)
            throw new NotSupportedException($"the halo probe runs single-input models; this one has {model.Inputs.Count} described and {session.InputMetadata.Count} graph inputs");
        var input = model.Inputs[0];
        var graphInput = session.InputMetadata[0];
        if (graphInput.ElementType != DType.Float32)
            throw new NotSupportedException($"graph input '{graphInput.Name}' is {graphInput.ElementTypeName}; the halo probe feeds float32");
        if (session.OutputMetadata.Count < model.Outputs.Count)
            throw new NotSupportedException($"the description has {model.Outputs.Count} outputs, the ONNX graph {session.OutputMetadata.Count}");
        if (graphInput.Dimensions.Count != input.Axes.Count)
            throw new NotSupportedException($"graph input '{graphInput.Name}' has rank {graphInput.Dimensions.Count}, input '{input.Id}' describes {input.Axes.Count} axes");

        var maps = model.Outputs.Select(o => SpecDigest.OutputAxisMaps(input, o)).ToArray();
        var response = new ProbeResponse(session, graphInput.Name, [.. session.OutputMetadata.Take(model.Outputs.Count).Select(m => m.Name)], maps,
            options.Tolerance, cancellationToken);
        for (int target = options.StartSize; ; target = Math.Min(2 * target, options.MaxSize))
        {
            var shape = ProbeShape(input, graphInput.Dimensions, target);
            var axes = input.Axes.Select(a => a.Id).ToArray();
            var probed = input.Axes.Select(a => !SpecDigest.IsUntiled(a)).ToArray();
            response.Measure(shape, axes, probed, options.Seed);
            bool grows = target < options.MaxSize && Enumerable.Range(0, shape.Length)
                .Any(d => response.ReachesBorder[d] && SpecDigest.InputSize(input.Axes[d]) is ParameterizedSize && graphInput.Dimensions[d] <= 0);
            if (!grows)
                return new HaloEstimate(input.Id, [.. axes], [.. response.Context], [.. response.ReachesBorder], [.. shape], response.Responded, response.Runs);
        }
    }

    /// <summary>
    /// The probe tensor's shape: parameterized axes the smallest <c>min + n·step ≥ target</c>, fixed sizes and graph-fixed
    /// dimensions as they are, batch 1, channels their count.
    /// </summary>
    private static int[] ProbeShape(InputTensorDescr input, IReadOnlyList<long> graphDims, int target)
    {
        var shape = new int[input.Axes.Count];
        for (int d = 0; d < shape.Length; d++)
        {
            var axis = input.Axes[d];
            shape[d] = graphDims[d] > 0 ? checked((int)graphDims[d]) : axis switch
            {
                BatchAxis b => b.Size ?? 1,
                ChannelAxis c => c.ChannelNames.Count,
                _ => SpecDigest.InputSize(axis) switch
                {
                    FixedSize f => f.Value,
                    ParameterizedSize p => target <= p.Min ? p.Min : p.Min + (target - p.Min + p.Step - 1) / p.Step * p.Step,
                    var other => throw new NotSupportedException($"input '{input.Id}' axis '{axis.Id}': the probe cannot choose a size for {other}"),
                },
            };
        }
        return shape;
    }

    /// <summary>Runs the probes of one round and accumulates the widest response over all rounds.</summary>
    private sealed class ProbeResponse(InferenceSession session, string inputName, string[] outputNames, OutputAxisMap[][] maps, double tolerance,
        CancellationToken cancellationToken)
    {
        public Halo[] Context = [];

        public bool[] ReachesBorder = [];

        public bool Responded;

        public int Runs;

        public void Measure(int[] shape, AxisId[] axes, bool[] probed, int seed)
        {
            Context = new Halo[shape.Length];
            ReachesBorder = new bool[shape.Length];
            var centre = shape.Select((s, d) => probed[d] ? s / 2 : 0).ToArray();
            var shifted = shape.Select((s, d) => probed[d] ? Math.Min(s - 1, s / 2 + 1) : 0).ToArray();
            foreach (int background in new[] { Zero, Random })
            {
                using var baseInput = new NdArray<float>(shape, axes);
                if (background == Random) FillStandardNormal(baseInput.Span, seed);
                var baseOutputs = Run(baseInput);
                try
                {
                    var impulses = background == Zero
                        ? new[] { (1f, centre), (-1f, centre) }
                        : [(1f, centre), (-1f, centre), (1f, shifted)];
                    using var probe = new NdArray<float>(shape, axes);
                    foreach (var (delta, at) in impulses)
                    {
                        baseInput.Span.CopyTo(probe.Span);
                        AddImpulse(probe.Span, shape, probed, at, delta);
                        var outputs = Run(probe);
                        try
                        {
                            for (int k = 0; k < outputs.Length; k++) Accumulate(outputs[k], baseOutputs[k], maps[k], probed, at);
                        }
                        finally
                        {
                            foreach (var o in outputs) o.Dispose();
                        }
                    }
                }
                finally
                {
                    foreach (var o in baseOutputs) o.Dispose();
                }
            }
        }

        private NdArray<float>[] Run(NdArray<float> x)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Runs++;
            using var value = OrtValue.FromNdArray(x);
            using var results = session.Run([inputName], [value], outputNames, cancellationToken);
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
