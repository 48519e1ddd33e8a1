using System.Collections.Immutable;
using System.Diagnostics;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime.Prediction.Streaming;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Runs a bioimage.io model (ONNX weights) on whole images: preprocessing on the whole sample, then
/// one block (<see cref="PredictWhole(NdArray, bool, CancellationToken)"/>) or fixed-shape blocks
/// (<see cref="PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/>) run through
/// ORT, cropped by the declared halo or blended where none is declared, merged, and postprocessed (spec §12).
/// Models with several inputs take one image per input id; the inputs share the tiled axes (same ids and sizes), are
/// cut into blocks at the same origins, and outputs follow the first input. An input without space or time axes (e.g. a
/// per-sample parameter vector) goes whole with every block.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly PredictorOptions _options;
    private readonly InputTensorDescr _input;
    private readonly InputTensorDescr[] _inputs;
    private readonly string[] _inputNames;
    private readonly double _inputVoxelsPerVoxel;
    private readonly OutputTensorDescr[] _outputs;
    private readonly OutputAxisMap[][] _maps;
    private readonly string[] _outputNames;
    private readonly int _batchSize;

    private Predictor(ModelDescr model, InferenceSession session, ProviderSelection provider, PredictorOptions options)
    {
        Description = model;
        Provider = provider;
        _session = session;
        _options = options;
        _inputs = [.. model.Inputs];
        _input = _inputs[0];
        var sharing = _inputs[1..];
        foreach (var other in sharing) CheckSharesTiledAxes(other);
        var graphInputs = session.InputMetadata.Select(m => m.Name).ToArray();
        if (graphInputs.Length != _inputs.Length)
            throw new NotSupportedException($"the description has {_inputs.Length} inputs, the ONNX graph {graphInputs.Length}");
        _inputNames = _inputs.All(i => graphInputs.Contains(i.Id)) ? [.. _inputs.Select(i => i.Id)] : graphInputs;
        _inputVoxelsPerVoxel = _inputs.Sum(i => (double)Channels(i)) / Channels(_input);
        _outputs = [.. model.Outputs];
        _maps = [.. _outputs.Select(o => SpecDigest.OutputAxisMaps(_input, o, sharing))];
        InputHalo = SpecDigest.InputHalo(_input, _outputs, sharing);
        Blends = !SpecDigest.DeclaresHalo(_outputs);
        var graphOutputs = session.OutputMetadata.Select(m => m.Name).ToArray();
        if (graphOutputs.Length < _outputs.Length)
            throw new NotSupportedException($"the description has {_outputs.Length} outputs, the ONNX graph {graphOutputs.Length}");
        _outputNames = _outputs.All(o => graphOutputs.Contains(o.Id)) ? [.. _outputs.Select(o => o.Id)] : graphOutputs[.._outputs.Length];
        bool batchFirst = _inputs.All(i => i.Axes.Count > 0 && i.Axes[0] is BatchAxis { Size: null })
            && session.InputMetadata.All(m => m.Dimensions.FirstOrDefault() <= 0);
        _batchSize = batchFirst ? Math.Max(1, options.BatchSize) : 1;
    }

    /// <summary>The model description.</summary>
    public ModelDescr Description { get; }

    /// <summary>The execution provider the session runs on, and why another was not used.</summary>
    public ProviderSelection Provider { get; }

    /// <summary>The input halo per input axis (<see cref="SpecDigest.InputHalo"/>).</summary>
    public IReadOnlyList<Halo> InputHalo { get; }

    /// <summary>True when the model declares no halo, so overlapping blocks are blended instead of cropped.</summary>
    public bool Blends { get; }

    /// <summary>Opens a package (folder or zip), reads its description and loads its ONNX weights.</summary>
    /// <param name="packagePath">The package folder, zip, or its <c>rdf.yaml</c>/<c>bioimageio.yaml</c>.</param>
    /// <param name="options">Device, threads and budget; defaults when null.</param>
    /// <exception cref="PackageException">When the package or its description cannot be read.</exception>
    /// <exception cref="NotSupportedException">When the model has no ONNX weights or a layout the predictor does not run.</exception>
    /// <exception cref="DllNotFoundException">When ONNX Runtime is missing.</exception>
    public static Predictor Open(string packagePath, PredictorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        options ??= new PredictorOptions();
        if (File.Exists(packagePath) && DescriptionFileNames.IsDescriptionName(Path.GetFileName(packagePath)))
            packagePath = Path.GetDirectoryName(Path.GetFullPath(packagePath))!;
        ModelDescr model;
        byte[] weights;
        using (var package = ModelPackage.Open(packagePath))
        {
            var read = ModelDescrReader.Read(package.ReadDescriptionBytes(), package.DescriptionFileName);
            if (read.HasErrors || read.Description is null)
                throw new PackageException(packagePath, "invalid description: " + string.Join("; ", read.Errors.Take(3).Select(e => e.ToString())));
            model = read.Description;
            weights = package.ReadFile(SpecDigest.OnnxWeightsSource(model));
        }
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            InterOpNumThreads = Math.Max(1, options.InterOpThreads),
        };
        var provider = ExecutionProviders.Apply(sessionOptions, options.Device);
        var session = new InferenceSession(weights, sessionOptions);
        try
        {
            return new Predictor(model, session, provider, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Predicts an image: one block when the image (plus halo, or failing that alone) fits the memory budget,
    /// otherwise the block shape <see cref="TileShapeChooser"/> picks within it.
    /// </summary>
    /// <param name="image">The image with axes named <c>y</c>, <c>x</c> (and <c>z</c>, <c>c</c>, <c>b</c> as the model needs).</param>
    /// <param name="progress">Blocks done.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public PredictionResult Predict(NdArray image, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Finish(Run(image, PlanRequest.Chosen, progress, cancellationToken));

    /// <summary>Predicts one image per input (as <see cref="Predict(NdArray, IProgress{long}?, CancellationToken)"/>), for models with several inputs.</summary>
    /// <param name="inputs">One image per input id; they share the sizes of the tiled axes.</param>
    /// <param name="progress">Blocks done.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    /// <exception cref="ArgumentException">When an input id is missing or unknown, or the images' tiled axes differ in size.</exception>
    public PredictionResult Predict(IReadOnlyDictionary<string, NdArray> inputs, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Finish(Run(inputs, PlanRequest.Chosen, progress, cancellationToken));

    /// <summary>
    /// One engine run on the whole image, padded to an admissible size. With <paramref name="padBorders"/> the image is
    /// first reflect-padded by the input halo, as border blocks are, so the result equals the tiled one; without it
    /// the image is only padded up to the next admissible size (what the package's test outputs are made with).
    /// </summary>
    public PredictionResult PredictWhole(NdArray image, bool padBorders = true, CancellationToken cancellationToken = default) =>
        Finish(Run(image, PlanRequest.Whole(padBorders), null, cancellationToken));

    /// <summary>One engine run on one image per input (as <see cref="PredictWhole(NdArray, bool, CancellationToken)"/>).</summary>
    /// <exception cref="ArgumentException">As <see cref="Predict(IReadOnlyDictionary{string, NdArray}, IProgress{long}?, CancellationToken)"/>.</exception>
    public PredictionResult PredictWhole(IReadOnlyDictionary<string, NdArray> inputs, bool padBorders = true, CancellationToken cancellationToken = default) =>
        Finish(Run(inputs, PlanRequest.Whole(padBorders), null, cancellationToken));

    /// <summary>Predicts with blocks of one given shape.</summary>
    /// <param name="image">The image.</param>
    /// <param name="blockShape">
    /// Block size (halo included) per tiled input axis in the input's axis order (e.g. <c>[y, x]</c>), one value for
    /// all tiled axes, or one per input axis. Each must be <c>min + n·step</c>.
    /// </param>
    /// <param name="progress">Blocks done.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public PredictionResult PredictWithFixedBlocks(NdArray image, IReadOnlyList<int> blockShape, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockShape);
        return Finish(Run(image, PlanRequest.Fixed(blockShape), progress, cancellationToken));
    }

    /// <summary>Predicts one image per input with blocks of one given shape (as <see cref="PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/>; sizes in the first input's axis order).</summary>
    /// <exception cref="ArgumentException">As <see cref="Predict(IReadOnlyDictionary{string, NdArray}, IProgress{long}?, CancellationToken)"/>.</exception>
    public PredictionResult PredictWithFixedBlocks(IReadOnlyDictionary<string, NdArray> inputs, IReadOnlyList<int> blockShape,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockShape);
        return Finish(Run(inputs, PlanRequest.Fixed(blockShape), progress, cancellationToken));
    }

    /// <summary>
    /// The plan <see cref="Predict(NdArray, IProgress{long}?, CancellationToken)"/> (null <paramref name="blockShape"/>) or <see cref="PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/>
    /// would use for <paramref name="image"/>, computed from its shape alone (e.g. to size a progress bar).
    /// </summary>
    public BlockPlan PlanFor(NdArray image, IReadOnlyList<int>? blockShape = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shape = SampleLayout.TensorShape(image, _input);
        return Plan(blockShape is null ? PlanRequest.Chosen : PlanRequest.Fixed(blockShape), shape, Constraints(shape));
    }

    private BlockPlan Plan(PlanRequest request, int[] tensorShape, TileAxisConstraint[] axes) => request switch
    {
        { WholeImage: true } => BlockPlan.Whole(axes, request.PadBorders, AxisIds),
        { BlockShape: null } => Choose(tensorShape, axes),
        _ => BlockPlan.Fixed(axes, ExpandBlockShape([.. tensorShape], request.BlockShape), AxisIds),
    };

    /// <summary>
    /// The chooser's plan; but when that needs several blocks only because of the border halo, and the unpadded image
    /// fits one admissible block within the budget (e.g. a graph fixed at the image's size), one run without border padding.
    /// </summary>
    private BlockPlan Choose(int[] tensorShape, TileAxisConstraint[] axes)
    {
        long maxVoxels = MaxVoxels(tensorShape, _options.MemoryBudgetBytes);
        var chosen = BlockPlan.From(TileShapeChooser.Choose(axes, maxVoxels, _options.BlockOverheadVoxels));
        if (chosen.Mode == "whole") return chosen;
        try
        {
            var whole = BlockPlan.Whole(axes, padBorders: false);
            return NdArray.ElementCount(whole.BlockShape.AsSpan()) <= maxVoxels ? whole : chosen;
        }
        catch (ArgumentException)
        {
            return chosen;
        }
    }

    /// <summary>
    /// Predicts an image file into an output file (format by extension; further outputs beside it, see
    /// <see cref="PredictionFileResult.OutputPath"/>) slab by slab along the outermost tiled axis, so that memory is
    /// bounded by one slab and one batch of blocks, not by the image: the input is read plane by plane, statistics for
    /// preprocessing come from streaming passes (exact percentiles), and output planes are written as soon as no later
    /// block touches them. Without <paramref name="blockShape"/> the plan keeps one slab's buffers and one batch of
    /// blocks within <see cref="PredictorOptions.MemoryBudgetBytes"/>. The result equals
    /// <see cref="PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/> with the same blocks (to float rounding of the statistics).
    /// </summary>
    /// <param name="inputPath">A TIFF or NPY image (a PNG is read whole).</param>
    /// <param name="outputPath">The first output's file (TIFF or NPY), written atomically.</param>
    /// <param name="axes">Names for the input file's axes, replacing what the file says.</param>
    /// <param name="blockShape">Block sizes as for <see cref="PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/>; null chooses them within the budget.</param>
    /// <param name="progress">Blocks done.</param>
    /// <param name="cancellationToken">Stops between and during engine runs; no output file is left behind.</param>
    /// <exception cref="NotSupportedException">When <see cref="StreamingObstacle"/> names a reason.</exception>
    public PredictionFileResult PredictFile(string inputPath, string outputPath, IReadOnlyList<AxisId>? axes = null,
        IReadOnlyList<int>? blockShape = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        return new StreamingPrediction(this).Run(inputPath, outputPath, axes, blockShape, progress, cancellationToken);
    }

    /// <summary>
    /// Why <see cref="PredictFile"/> cannot stream an image described by <paramref name="input"/> into
    /// <paramref name="outputPath"/> (e.g. postprocessing that needs statistics of the whole output), or null when it can.
    /// </summary>
    public string? StreamingObstacle(ImageInfo input, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        return new StreamingPrediction(this).Obstacle(input, outputPath);
    }

    /// <summary>
    /// The plan <see cref="PredictFile"/> would use for an image described by <paramref name="input"/> (e.g. to size a
    /// progress bar): <paramref name="blockShape"/> as given, or blocks whose slabs fit the budget.
    /// </summary>
    public BlockPlan StreamingPlanFor(ImageInfo input, IReadOnlyList<int>? blockShape = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new StreamingPrediction(this).Plan(input, blockShape).Plan;
    }

    /// <summary>Estimated bytes an in-memory prediction of an image described by <paramref name="input"/> holds at once (image, float32 copies, accumulators, outputs).</summary>
    public long InMemoryBytes(ImageInfo input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new StreamingPrediction(this).InMemoryBytes(input);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    internal InputTensorDescr Input => _input;

    /// <summary>The first input's axis ids, which blocks follow.</summary>
    internal AxisId[] AxisIds => [.. _input.Axes.Select(a => a.Id)];

    internal IReadOnlyList<OutputTensorDescr> Outputs => _outputs;

    internal OutputAxisMap[][] Maps => _maps;

    internal PredictorOptions Options => _options;

    /// <summary>The test-time augmentation blocks of <paramref name="plan"/> run with (identity only unless asked for).</summary>
    internal Augmentation AugmentationFor(BlockPlan plan) => _options.TestTimeAugmentation
        ? Augmentation.For(_inputs, _outputs, _maps, plan.BlockShape)
        : Augmentation.None(_inputs.Length, _outputs.Length);

    internal BlockRunner CreateRunner(Augmentation augmentation) =>
        new(new EngineStep(_session, _inputNames, _outputNames, augmentation), _maps, _batchSize);

    /// <summary>As <see cref="Run(IReadOnlyDictionary{string, NdArray}, PlanRequest, IProgress{long}?, CancellationToken)"/> for a single-input model.</summary>
    /// <exception cref="ArgumentException">When the model takes several inputs.</exception>
    internal RawPrediction Run(NdArray image, PlanRequest request, IProgress<long>? progress, CancellationToken cancellationToken) =>
        Run(Single(image), request, progress, cancellationToken);

    /// <summary>The image of a single-input model keyed by its input id.</summary>
    /// <exception cref="ArgumentException">When the model takes several inputs.</exception>
    internal Dictionary<string, NdArray> Single(NdArray image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_inputs.Length > 1)
            throw new ArgumentException($"the model takes {_inputs.Length} inputs ({InputIdList}); give one image per input id", nameof(image));
        return new() { [_input.Id] = image };
    }

    /// <summary>Preprocessing, the blocks and their merge: the outputs before postprocessing (<see cref="Finish"/>).</summary>
    internal RawPrediction Run(IReadOnlyDictionary<string, NdArray> images, PlanRequest request, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var total = Stopwatch.StartNew();
        var sample = ToTensors(images);
        // Every pipeline sees the raw sample, so ops that measure another input measure it before its own preprocessing.
        var floats = new NdArray<float>[_inputs.Length];
        for (int i = 0; i < _inputs.Length; i++)
        {
            var preprocessed = ProcessingPipeline.FromDescr(_inputs[i]).Apply(sample);
            floats[i] = preprocessed as NdArray<float>
                ?? throw new NotSupportedException($"input '{_inputs[i].Id}' is {preprocessed.DType.Name()} after preprocessing; the predictor runs float32 inputs");
        }
        var preprocessing = total.Elapsed;
        int[] tensorShape = [.. floats[0].Shape];
        var chosen = Plan(request, tensorShape, Constraints(tensorShape));
        var augmentation = AugmentationFor(chosen);
        var run = CreateRunner(augmentation);
        var merged = run.Run(floats, [chosen, .. _inputs[1..].Select((input, i) => SharedPlan(chosen, input, floats[i + 1].Shape))], progress, cancellationToken);
        for (int i = 0; i < _inputs.Length; i++) sample[_inputs[i].Id] = floats[i];
        for (int k = 0; k < merged.Length; k++)
            sample[_outputs[k].Id] = merged[k].WithAxes([.. _outputs[k].Axes.Select(a => a.Id)]);
        var report = new PredictionReport(chosen.Mode, Provider.Provider, Provider.DeviceId, Provider.FallbackReason,
            chosen.BlockShape, [.. _input.Axes.Select(SampleLayout.ImageAxis)], [.. chosen.Halo.Select(h => h.Left)], [.. chosen.Overlap],
            run.Blocks, run.BatchSize, preprocessing, run.Inference, run.Merge, TimeSpan.Zero, total.Elapsed)
        {
            Transforms = [.. augmentation.Transforms.Select(t => t.Name)],
        };
        return new RawPrediction(sample, report);
    }

    /// <summary>
    /// Postprocesses the raw outputs in <paramref name="raw"/>'s sample (after <see cref="Run(IReadOnlyDictionary{string, NdArray}, PlanRequest, IProgress{long}?, CancellationToken)"/>, or an ensemble's average
    /// of them) and renames them to image axes.
    /// </summary>
    internal PredictionResult Finish(RawPrediction raw)
    {
        var clock = Stopwatch.StartNew();
        var outputs = new NdArray[_outputs.Length];
        for (int k = 0; k < outputs.Length; k++)
            outputs[k] = SampleLayout.ToImage(ProcessingPipeline.FromDescr(_outputs[k]).Apply(raw.Sample), _outputs[k]);
        var report = raw.Report with { Postprocessing = clock.Elapsed, Total = raw.Report.Total + clock.Elapsed };
        return new PredictionResult([.. _outputs.Select(o => o.Id)], outputs, report);
    }

    /// <summary>
    /// A graph exported with fixed spatial dimensions accepts only that size, whatever the description says: such
    /// axes become fixed-size constraints, so the plan tiles with the graph's size instead of failing in ORT.
    /// </summary>
    private void FixToGraph(TileAxisConstraint[] axes)
    {
        var dims = _session.InputMetadata.First(m => m.Name == _inputNames[0]).Dimensions;
        if (dims.Count != axes.Length) return;
        for (int d = 0; d < axes.Length; d++)
        {
            if (dims[d] > 0 && axes[d].Step > 0 && !SpecDigest.IsUntiled(_input.Axes[d]))
                axes[d] = axes[d] with { Min = checked((int)dims[d]), Step = 0 };
        }
    }

    internal TileAxisConstraint[] Constraints(int[] tensorShape)
    {
        int overlap = _options.Overlap ?? (Blends ? PredictorOptions.DefaultBlendOverlap : 0);
        var axes = SpecDigest.TileAxisConstraints(_input, tensorShape, InputHalo, overlap, _inputs[1..]);
        FixToGraph(axes);
        return axes;
    }

    internal long MaxVoxels(int[] tensorShape, long budgetBytes)
    {
        long inVoxels = NdArray.ElementCount(tensorShape);
        double outPerIn = 0;
        foreach (var maps in _maps)
        {
            var outShape = BlockTransform.OutputSampleShape(tensorShape, maps);
            outPerIn += NdArray.ElementCount(outShape.AsSpan()) / (double)inVoxels;
        }
        // Test-time augmentation keeps a transformed copy of the batch and, per output, the inverted block and the running sum.
        double inPerIn = _inputVoxelsPerVoxel;
        double bufferBytes = _options.TestTimeAugmentation ? 4 * (2 * inPerIn + 3 * outPerIn) : 4 * (inPerIn + outPerIn);
        return TileShapeChooser.MaxVoxels(budgetBytes, bufferBytes + _options.EngineBytesPerVoxel, _batchSize);
    }

    private string InputIdList => string.Join(", ", _inputs.Select(i => $"'{i.Id}'"));

    private static int Channels(InputTensorDescr input) => input.Axes.Select(SpecDigest.ChannelCount).FirstOrDefault(c => c is not null) ?? 1;

    /// <summary>The ids of the tiled axes of <paramref name="input"/>, in its axis order.</summary>
    private static AxisId[] TiledAxes(InputTensorDescr input) => [.. input.Axes.Where(a => !SpecDigest.IsUntiled(a)).Select(a => a.Id)];

    /// <summary>Further inputs tile the first input's axes, or none at all (then every block gets the whole tensor).</summary>
    private void CheckSharesTiledAxes(InputTensorDescr other)
    {
        var tiled = TiledAxes(other);
        if (tiled.Length > 0 && !tiled.SequenceEqual(TiledAxes(_input)))
            throw new NotSupportedException(
                $"input '{other.Id}' tiles axes '{AxisId.Format(tiled)}', input '{_input.Id}' '{AxisId.Format(TiledAxes(_input))}'; " +
                "the predictor tiles inputs that share their tiled axes (or have none)");
    }

    /// <summary>Every input image laid out as its tensor (<see cref="SampleLayout.ToTensor"/>), keyed by input id; the tiled axes must agree in size.</summary>
    private Dictionary<string, NdArray> ToTensors(IReadOnlyDictionary<string, NdArray> images)
    {
        var unknown = images.Keys.Where(k => _inputs.All(i => i.Id != k)).ToArray();
        var missing = _inputs.Where(i => !images.ContainsKey(i.Id)).Select(i => i.Id).ToArray();
        if (unknown.Length > 0 || missing.Length > 0)
        {
            string problem = missing.Length > 0 ? $"no image for input '{missing[0]}'" : $"the model has no input '{unknown[0]}'";
            throw new ArgumentException($"{problem}; the model takes {InputIdList}", nameof(images));
        }
        var sample = new Dictionary<string, NdArray>();
        foreach (var input in _inputs) sample[input.Id] = SampleLayout.ToTensor(images[input.Id], input);
        var first = sample[_input.Id];
        foreach (var input in _inputs.Skip(1))
        {
            var tensor = sample[input.Id];
            foreach (var axis in TiledAxes(input))
            {
                int size = tensor.Shape[tensor.IndexOf(axis)], expected = first.Shape[first.IndexOf(axis)];
                if (size != expected)
                    throw new ArgumentException(
                        $"input '{input.Id}' has {size} along '{axis}', input '{_input.Id}' {expected}; the inputs must share the tiled axes' sizes", nameof(images));
            }
        }
        return sample;
    }

    /// <summary>The plan that cuts <paramref name="input"/> into the blocks <paramref name="plan"/> cuts the first input into: the same on shared tiled axes, whole on its own untiled axes.</summary>
    private BlockPlan SharedPlan(BlockPlan plan, InputTensorDescr input, ImmutableArray<int> shape)
    {
        int rank = input.Axes.Count;
        var block = new int[rank];
        var halo = new Halo[rank];
        var stride = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            var axis = input.Axes[d];
            int p = SpecDigest.IsUntiled(axis) ? -1 : _input.Axes.ToList().FindIndex(a => a.Id == axis.Id);
            (block[d], halo[d], stride[d]) = p < 0 ? (shape[d], Halo.None, shape[d]) : (plan.BlockShape[p], plan.Halo[p], plan.Stride[p]);
        }
        return plan with { BlockShape = [.. block], Halo = [.. halo], Stride = [.. stride] };
    }

    internal int[] ExpandBlockShape(ImmutableArray<int> tensorShape, IReadOnlyList<int> blockShape)
    {
        if (blockShape.Count == tensorShape.Length) return [.. blockShape];
        var tiled = Enumerable.Range(0, tensorShape.Length).Where(d => !SpecDigest.IsUntiled(_input.Axes[d])).ToArray();
        if (blockShape.Count != 1 && blockShape.Count != tiled.Length)
            throw new ArgumentException(
                $"give 1, {tiled.Length} (tiled axes {string.Join(",", tiled.Select(d => _input.Axes[d].Id))}) or {tensorShape.Length} block sizes, not {blockShape.Count}",
                nameof(blockShape));
        var shape = tensorShape.ToArray();
        for (int i = 0; i < tiled.Length; i++) shape[tiled[i]] = blockShape[blockShape.Count == 1 ? 0 : i];
        return shape;
    }
}
