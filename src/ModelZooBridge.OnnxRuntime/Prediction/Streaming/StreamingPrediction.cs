using System.Diagnostics;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime.Processing;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction.Streaming;

/// <summary>
/// Predicts an image file into output files slab by slab (<see cref="SlabPlan"/>), so that a volume larger than memory
/// streams through:
/// <list type="number">
/// <item>Statistics: every preprocessing op that needs measures gets them from streaming passes over the input
/// (<see cref="StreamingStatsCalculator"/>), earlier ops applied per slab with their fixed statistics.</item>
/// <item>Per slab: the input rows its blocks need are read (<see cref="InputSlabReader"/>), preprocessed with the fixed
/// statistics, run by <see cref="BlockRunner.RunBlocks"/> into accumulators that hold one slab of rows, and the rows
/// no later block touches are merged, postprocessed and written (<see cref="OutputSlabWriter"/>).</item>
/// </list>
/// The blocks, their padding and blending are those of the in-memory plan, so the result equals
/// <see cref="Predictor.PredictWithFixedBlocks(NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/> up to float rounding of the streamed statistics.
/// </summary>
internal sealed class StreamingPrediction(Predictor predictor)
{
    /// <summary>
    /// Why a model cannot be streamed from <paramref name="info"/> into <paramref name="outputPath"/>, or null when it can.
    /// </summary>
    public string? Obstacle(ImageInfo info, string outputPath)
    {
        if (predictor.Description.Inputs.Count > 1)
            return $"the model takes {predictor.Description.Inputs.Count} inputs; streaming reads one image (predict multi-input models in memory)";
        var input = predictor.Input;
        if (ImageFiles.FormatOf(outputPath) == ImageFileFormat.Png) return "PNG outputs are written whole";
        var pre = ProcessingPipeline.FromDescr(input);
        if (pre.RequiredMeasures.Any(m => m.TensorId != input.Id)) return "preprocessing measures another tensor";
        var tensorShape = SampleLayout.TensorShape(info.Axes, info.Shape, input);
        int axis = SlabAxis(tensorShape);
        if (axis < 0) return "the input has no tiled axis";
        for (int k = 0; k < predictor.Outputs.Count; k++)
        {
            var output = predictor.Outputs[k];
            if (ProcessingPipeline.FromDescr(output).RequiredMeasures.Count > 0)
                return $"postprocessing of output '{output.Id}' needs statistics of the whole output";
            if (!predictor.Maps[k].Any(m => m.InputAxis == axis))
                return $"output '{output.Id}' has no axis following input axis '{input.Axes[axis].Id}'";
        }
        return null;
    }

    /// <summary>Bytes an in-memory prediction of <paramref name="info"/> holds at once: the image, its float32 tensor and preprocessed copy, the accumulators and the postprocessed outputs.</summary>
    public long InMemoryBytes(ImageInfo info)
    {
        var tensorShape = SampleLayout.TensorShape(info.Axes, info.Shape, predictor.Input);
        long voxels = NdArray.ElementCount(tensorShape);
        long outputs = predictor.Maps.Sum(m => NdArray.ElementCount(BlockTransform.OutputSampleShape(tensorShape, m).AsSpan()));
        return info.TotalBytes + 8 * voxels + 12 * outputs;
    }

    /// <summary>Runs the prediction; see <see cref="Predictor.PredictFile"/>.</summary>
    public PredictionFileResult Run(string inputPath, string outputPath, IReadOnlyList<AxisId>? axes, IReadOnlyList<int>? blockShape,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        using var reader = ImageFiles.OpenReader(inputPath, axes);
        if (Obstacle(reader.Info, outputPath) is { } obstacle) throw new NotSupportedException($"cannot stream: {obstacle}");
        var input = predictor.Input;
        var (layout, plan) = Plan(reader.Info, blockShape);
        var tensorShape = layout.TensorShape;
        var slabs = SlabPlan.Create(tensorShape, plan, SlabAxis(tensorShape));
        int axis = slabs.Axis;
        var source = new InputSlabReader(reader, input, layout);

        var pipeline = ProcessingPipeline.FromDescr(input);
        var opStats = PreprocessingStats(pipeline, source, slabs, cancellationToken);
        var preprocessing = total.Elapsed;

        var augmentation = predictor.AugmentationFor(plan);
        var runner = predictor.CreateRunner(augmentation);
        var accumulators = runner.CreateAccumulators(tensorShape, plan, axis, slabs.WindowRows);
        var outputs = predictor.Outputs;
        var writers = new OutputSlabWriter[outputs.Count];
        var outAxes = new int[outputs.Count];
        var postprocessing = TimeSpan.Zero;
        try
        {
            for (int k = 0; k < outputs.Count; k++)
            {
                var shape = BlockTransform.OutputSampleShape(tensorShape, predictor.Maps[k]);
                outAxes[k] = Array.FindIndex(predictor.Maps[k], m => m.InputAxis == axis);
                var imageAxes = outputs[k].Axes.Select(SampleLayout.ImageAxis).ToArray();
                writers[k] = new OutputSlabWriter(PredictionFileResult.OutputPath(outputPath, k, outputs[k].Id), shape, imageAxes,
                    imageAxes[outAxes[k]], reader.Info.Calibration);
            }
            long done = 0;
            var origin = new int[tensorShape.Length];
            foreach (var slab in slabs.Slabs)
            {
                var raw = source.Read(slab.InputRows.Start, slab.InputRows.Stop, cancellationToken);
                if (pipeline.Apply(raw, SliceStats(opStats, axis, slab.InputRows.Start, slab.InputRows.Stop)) is not NdArray<float> window)
                    throw new NotSupportedException($"input '{input.Id}' is not float32 after preprocessing; the predictor runs float32 inputs");
                origin[axis] = slab.InputRows.Start;
                runner.RunBlocks([window], [origin], [slab.Blocks], [plan], accumulators, progress, done, cancellationToken);
                done += slab.Blocks.Count;
                var post = Stopwatch.StartNew();
                for (int k = 0; k < outputs.Count; k++)
                {
                    var map = predictor.Maps[k][outAxes[k]];
                    int stop = Math.Min(accumulators[k].WindowStart + accumulators[k].WindowLength, (int)Math.Round(slab.FinishedStop * map.Factor));
                    int start = accumulators[k].WindowStart;
                    var rows = accumulators[k].FinishRows(stop).WithAxes([.. outputs[k].Axes.Select(a => a.Id)]);
                    var sample = new Dictionary<string, NdArray> { [outputs[k].Id] = rows };
                    var processed = SampleLayout.ToImage(ProcessingPipeline.FromDescr(outputs[k]).Apply(sample), outputs[k]);
                    writers[k].Write(processed, start);
                }
                postprocessing += post.Elapsed;
            }
            foreach (var writer in writers) writer.Commit();
            long workingSet = WorkingSet(tensorShape, plan, slabs, layout, runner, accumulators, writers);
            var report = new PredictionReport(plan.Mode, predictor.Provider.Provider, predictor.Provider.DeviceId, predictor.Provider.FallbackReason,
                plan.BlockShape, [.. input.Axes.Select(SampleLayout.ImageAxis)], [.. plan.Halo.Select(h => h.Left)], [.. plan.Overlap],
                runner.Blocks, runner.BatchSize, preprocessing, runner.Inference, runner.Merge, postprocessing, total.Elapsed)
            {
                Transforms = [.. augmentation.Transforms.Select(t => t.Name)],
                Streamed = true,
                Slabs = slabs.Slabs.Count,
                WorkingSetBytes = workingSet,
            };
            return new PredictionFileResult([.. outputs.Select(o => o.Id)], [.. writers.Select(w => w.Path)], [.. writers.Select(w => w.TensorInfo!)], report);
        }
        finally
        {
            foreach (var writer in writers) writer?.Dispose();
        }
    }

    /// <summary>The slab layout and block plan for an image of <paramref name="info"/>; see <see cref="Choose"/>.</summary>
    public (InputSlabLayout Layout, BlockPlan Plan) Plan(ImageInfo info, IReadOnlyList<int>? blockShape)
    {
        var tensorShape = SampleLayout.TensorShape(info.Axes, info.Shape, predictor.Input);
        int axis = SlabAxis(tensorShape);
        var layout = InputSlabLayout.Create(info, predictor.Input, axis);
        var plan = blockShape is null
            ? Choose(tensorShape, axis, layout)
            : BlockPlan.Fixed(predictor.Constraints(tensorShape), predictor.ExpandBlockShape([.. tensorShape], blockShape), predictor.AxisIds);
        return (layout, plan);
    }

    private int SlabAxis(int[] tensorShape) =>
        SlabPlan.OutermostTiledAxis([.. predictor.Input.Axes.Select(a => !SpecDigest.IsUntiled(a))], tensorShape);

    /// <summary>
    /// The chooser's plan within half the budget, with blocks along the slab axis short enough that one slab's buffers
    /// (input rows in the file's dtype and as float32, accumulator and finished output rows) fit the other half.
    /// </summary>
    private BlockPlan Choose(int[] tensorShape, int axis, InputSlabLayout source)
    {
        long budget = predictor.Options.MemoryBudgetBytes;
        double bytesPerRow = SlabBytesPerInputRow(tensorShape, axis, source);
        var axes = predictor.Constraints(tensorShape);
        long held = source.HeldBytes + HeldOutputBytes(tensorShape, axis);
        int maxRows = (int)Math.Clamp((budget / 2 - held) / bytesPerRow, axes[axis].Min, int.MaxValue);
        axes[axis] = axes[axis] with { MaxSize = maxRows };
        return BlockPlan.From(TileShapeChooser.Choose(axes, predictor.MaxVoxels(tensorShape, budget / 2), predictor.Options.BlockOverheadVoxels));
    }

    private double SlabBytesPerInputRow(int[] tensorShape, int axis, InputSlabLayout source)
    {
        double bytes = source.SlabBytes(1) + 8.0 * NdArray.ElementCount(tensorShape) / tensorShape[axis];
        foreach (var maps in predictor.Maps)
        {
            var shape = BlockTransform.OutputSampleShape(tensorShape, maps);
            int outAxis = Array.FindIndex(maps, m => m.InputAxis == axis);
            bytes += maps[outAxis].Factor * NdArray.ElementCount(shape.AsSpan()) / shape[outAxis] * (8 + 12);
        }
        return bytes;
    }

    /// <summary>Float32 bytes of the outputs that cannot be written slab by slab (held whole until the end).</summary>
    private long HeldOutputBytes(int[] tensorShape, int axis)
    {
        long bytes = 0;
        for (int k = 0; k < predictor.Outputs.Count; k++)
        {
            var shape = BlockTransform.OutputSampleShape(tensorShape, predictor.Maps[k]);
            var imageAxes = predictor.Outputs[k].Axes.Select(SampleLayout.ImageAxis).ToArray();
            int outAxis = Array.FindIndex(predictor.Maps[k], m => m.InputAxis == axis);
            if (!OutputSlabWriter.CanStream("x.tif", shape, imageAxes, imageAxes[outAxis])) bytes += 4 * NdArray.ElementCount(shape.AsSpan());
        }
        return bytes;
    }

    /// <summary>
    /// The working set of the run, from the plan: held raw input and outputs, one slab's input (file dtype and two
    /// float32 copies), the batch buffer with the engine's estimated working memory and outputs, the accumulators,
    /// and one slab of finished output rows (merged, postprocessed, arranged: 12 bytes an element).
    /// </summary>
    private long WorkingSet(int[] tensorShape, BlockPlan plan, SlabPlan slabs, InputSlabLayout source, BlockRunner runner, Accumulator[] accumulators, OutputSlabWriter[] writers)
    {
        int axis = slabs.Axis;
        long rowVoxels = NdArray.ElementCount(tensorShape) / tensorShape[axis];
        long bytes = source.HeldBytes + writers.Sum(w => w.HeldBytes);
        bytes += source.SlabBytes(slabs.MaxInputRows) + 8 * rowVoxels * slabs.MaxInputRows;
        long blockVolume = NdArray.ElementCount(plan.BlockShape.AsSpan());
        int batch = runner.BatchSizeFor(plan.BlockCount(tensorShape));
        bytes += (long)(blockVolume * batch * (4 + predictor.Options.EngineBytesPerVoxel));
        for (int k = 0; k < accumulators.Length; k++)
        {
            var shape = BlockTransform.OutputSampleShape(tensorShape, predictor.Maps[k]);
            int outAxis = Array.FindIndex(predictor.Maps[k], m => m.InputAxis == axis);
            long outRow = NdArray.ElementCount(shape.AsSpan()) / shape[outAxis];
            bytes += accumulators[k].Bytes + 12 * outRow * accumulators[k].WindowLength;
            bytes += 4 * batch * NdArray.ElementCount(BlockTransform.ToOutput(slabs.Slabs[0].Blocks[0], predictor.Maps[k]).Shape.AsSpan());
        }
        return bytes;
    }

    /// <summary>Per op, the statistics it needs, streamed over the input with the earlier ops applied.</summary>
    private static Stats[] PreprocessingStats(ProcessingPipeline pipeline, InputSlabReader source, SlabPlan slabs, CancellationToken cancellationToken)
    {
        var stats = new Stats[pipeline.Ops.Count];
        var shape = source.Layout.TensorShape;
        var axes = source.TensorAxes;
        int axis = slabs.Axis;
        for (int i = 0; i < stats.Length; i++)
        {
            var measures = pipeline.Ops[i].RequiredMeasures;
            if (measures.Count == 0)
            {
                stats[i] = Stats.Empty;
                continue;
            }
            var before = stats[..i];
            var ops = pipeline.Ops.Take(i).ToArray();
            stats[i] = StreamingStatsCalculator.Compute(measures, shape, axes, axis, Chunks);

            IEnumerable<(int, NdArray<float>)> Chunks()
            {
                foreach (var slab in slabs.Slabs)
                {
                    int start = slab.InnerStart, stop = slab.FinishedStop;
                    var x = source.Read(start, stop, cancellationToken);
                    var sliced = SliceStats(before, axis, start, stop);
                    for (int j = 0; j < ops.Length; j++) x = ops[j].Apply(x, sliced[j]);
                    yield return (start, x.ToFloat32());
                }
            }
        }
        return stats;
    }

    /// <summary>The statistics for rows <c>[start, stop)</c>: measures that keep the slab axis (one value per row) are cut to those rows.</summary>
    private static Stats[] SliceStats(IReadOnlyList<Stats> stats, int axis, int start, int stop) =>
        [.. stats.Select(s => new Stats(s.Measures.ToDictionary(m => m, m =>
            s[m].Shape[axis] == 1 ? s[m] : (NdArray<float>)AxisSlice.Rows(s[m], axis, start, stop))))];
}
