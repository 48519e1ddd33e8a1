using System.Diagnostics;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Runs one <see cref="BlockPlan"/> through an <see cref="EngineStep"/>: blocks are reflect-pad extracted into a batch buffer, run,
/// mapped to output blocks (<see cref="BlockTransform"/>) and merged by one <see cref="Accumulator"/> per output.
/// <see cref="RunBlocks"/> runs part of a plan from a window of the sample (streaming); timings add up over calls.
/// </summary>
internal sealed class BlockRunner(EngineStep engine, OutputAxisMap[][] maps, int batchSize)
{
    private readonly Stopwatch _merge = new();
    private readonly Stopwatch _inference = new();
    private float[] _buffer = [];

    public int Blocks { get; private set; }

    public int BatchSize { get; private set; }

    public TimeSpan Inference => _inference.Elapsed;

    public TimeSpan Merge => _merge.Elapsed;

    /// <summary>Blocks run together for a plan of <paramref name="blockCount"/> blocks.</summary>
    public int BatchSizeFor(long blockCount) => (int)Math.Min(batchSize, blockCount);

    /// <summary>One accumulator per output for a sample of <paramref name="sampleShape"/>, windowed along the output axes following <paramref name="windowAxis"/> when it is given.</summary>
    public Accumulator[] CreateAccumulators(ReadOnlySpan<int> sampleShape, BlockPlan plan, int windowAxis = -1, int windowLength = 0)
    {
        var overlap = plan.Overlap;
        var accumulators = new Accumulator[maps.Length];
        for (int k = 0; k < maps.Length; k++)
        {
            var shape = BlockTransform.OutputSampleShape(sampleShape, maps[k]);
            var outOverlap = maps[k].Select(m => m.IsWhole ? 0 : (int)Math.Round(overlap[m.InputAxis] * m.Factor)).ToArray();
            var axes = Enumerable.Range(0, shape.Length).Select(a => new AxisId($"o{a}")).ToArray();
            int outAxis = windowAxis < 0 ? -1 : Array.FindIndex(maps[k], m => m.InputAxis == windowAxis);
            accumulators[k] = outAxis < 0
                ? new Accumulator(shape.AsSpan(), axes, outOverlap)
                : new Accumulator(shape.AsSpan(), axes, outOverlap, outAxis, Math.Min(shape[outAxis], (int)Math.Round(windowLength * maps[k][outAxis].Factor)));
        }
        return accumulators;
    }

    /// <summary>Runs every block and returns the merged outputs (raw, before postprocessing), axes named by position.</summary>
    public NdArray<float>[] Run(NdArray<float> sample, BlockPlan plan, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var blocks = BlockPlanner.Split(sample.Shape.AsSpan(), plan.BlockShape.AsSpan(), plan.Halo.AsSpan(), plan.Stride.AsSpan());
        var accumulators = CreateAccumulators(sample.Shape.AsSpan(), plan);
        RunBlocks(sample, new int[sample.Rank], blocks, plan, accumulators, progress, 0, cancellationToken);
        _merge.Start();
        var merged = accumulators.Select(a => a.Finish()).ToArray();
        _merge.Stop();
        return merged;
    }

    /// <summary>
    /// Runs <paramref name="blocks"/> (all of one plan's blocks or a part of them) reading from <paramref name="window"/>,
    /// the box of the sample that starts at <paramref name="windowOrigin"/>, into <paramref name="accumulators"/>.
    /// </summary>
    /// <param name="window">Preprocessed sample values of the box the blocks read (after reflection).</param>
    /// <param name="windowOrigin">Sample coordinate of the window's first element per axis.</param>
    /// <param name="blocks">Blocks of <paramref name="plan"/> to run.</param>
    /// <param name="plan">The plan the blocks come from.</param>
    /// <param name="accumulators">One per output (<see cref="CreateAccumulators"/>).</param>
    /// <param name="progress">Blocks done in the whole plan.</param>
    /// <param name="progressOffset">Blocks done before this call, for <paramref name="progress"/>.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public void RunBlocks(NdArray<float> window, ReadOnlySpan<int> windowOrigin, IReadOnlyList<BlockMeta> blocks, BlockPlan plan,
        Accumulator[] accumulators, IProgress<long>? progress, long progressOffset, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0) return;
        Blocks = blocks[0].BlocksInSample;
        BatchSize = BatchSizeFor(Blocks);
        var origin = windowOrigin.ToArray();
        var sampleShape = blocks[0].SampleShape;
        long blockVolume = NdArray.ElementCount(plan.BlockShape.AsSpan());
        if (_buffer.Length < blockVolume * BatchSize) _buffer = new float[checked(blockVolume * BatchSize)];
        var buffer = _buffer;
        var merge = _merge;
        var inference = _inference;
        long done = progressOffset;
        foreach (var batch in BlockPlanner.Batches(blocks, BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            merge.Start();
            for (int i = 0; i < batch.Count; i++)
            {
                ReflectPad.Extract(window, origin, sampleShape.AsSpan(), batch[i].Origin.AsSpan(), batch[i].Shape.AsSpan(),
                    buffer.AsSpan((int)(i * blockVolume), (int)blockVolume));
            }
            merge.Stop();
            var shape = plan.BlockShape.Select(s => (long)s).ToArray();
            if (shape.Length > 0) shape[0] *= batch.Count; // batch is axis 0 whenever BatchSize > 1
            inference.Start();
            engine.Run(buffer.AsMemory(0, (int)(blockVolume * batch.Count)), shape, (k, data) =>
            {
                inference.Stop();
                merge.Start();
                AddOutputs(accumulators[k], data, batch, maps[k], engine.OutputNames[k]);
                merge.Stop();
                inference.Start();
            }, cancellationToken);
            inference.Stop();
            done += batch.Count;
            progress?.Report(done);
        }
    }

    private static void AddOutputs(Accumulator accumulator, ReadOnlySpan<float> data, IReadOnlyList<BlockMeta> batch, OutputAxisMap[] maps, string name)
    {
        var first = BlockTransform.ToOutput(batch[0], maps);
        long volume = NdArray.ElementCount(first.Shape.AsSpan());
        if (data.Length != volume * batch.Count)
            throw new InvalidOperationException(
                $"output '{name}' has {data.Length} elements for {batch.Count} block(s); the description implies [{string.Join(",", first.Shape)}] each");
        for (int i = 0; i < batch.Count; i++)
            accumulator.Add(i == 0 ? first : BlockTransform.ToOutput(batch[i], maps), data.Slice((int)(i * volume), (int)volume));
    }
}
