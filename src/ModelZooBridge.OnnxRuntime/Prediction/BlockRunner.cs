using System.Diagnostics;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Runs one <see cref="BlockPlan"/> per input through an <see cref="EngineStep"/>: blocks are reflect-pad extracted into a batch buffer, run,
/// mapped to output blocks (<see cref="BlockTransform"/>) and merged by one <see cref="Accumulator"/> per output.
/// <see cref="RunBlocks"/> runs part of a plan from a window of the sample (streaming); timings add up over calls.
/// </summary>
internal sealed class BlockRunner(EngineStep engine, OutputAxisMap[][] maps, int batchSize)
{
    private readonly Stopwatch _merge = new();
    private readonly Stopwatch _inference = new();
    private float[][] _buffers = [];

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

    /// <summary>
    /// Runs every block and returns the merged outputs (raw, before postprocessing), axes named by position. Input
    /// <c>i</c> is <paramref name="samples"/>[i] split by <paramref name="plans"/>[i]; the plans cut every input into the
    /// same blocks in the same order, and outputs follow the first.
    /// </summary>
    public NdArray<float>[] Run(NdArray<float>[] samples, BlockPlan[] plans, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var blocks = samples.Select((s, i) => BlockPlanner.Split(s.Shape.AsSpan(), plans[i].BlockShape.AsSpan(), plans[i].Halo.AsSpan(), plans[i].Stride.AsSpan())).ToArray();
        // An input without tiled axes is one block that goes with every block of the first input.
        for (int i = 1; i < blocks.Length; i++)
        {
            if (blocks[i].Count == 1 && blocks[0].Count > 1) blocks[i] = [.. Enumerable.Repeat(blocks[i][0], blocks[0].Count)];
        }
        var accumulators = CreateAccumulators(samples[0].Shape.AsSpan(), plans[0]);
        RunBlocks(samples, [.. samples.Select(s => new int[s.Rank])], blocks, plans, accumulators, progress, 0, cancellationToken);
        _merge.Start();
        var merged = accumulators.Select(a => a.Finish()).ToArray();
        _merge.Stop();
        return merged;
    }

    /// <summary>
    /// Runs <paramref name="blocks"/> (all of one plan's blocks or a part of them, per input) reading from
    /// <paramref name="windows"/>, the boxes of the samples that start at <paramref name="windowOrigins"/>, into <paramref name="accumulators"/>.
    /// </summary>
    /// <param name="windows">Preprocessed sample values of the box the blocks read (after reflection), per input.</param>
    /// <param name="windowOrigins">Sample coordinate of each window's first element per axis.</param>
    /// <param name="blocks">Blocks of <paramref name="plans"/> to run, per input, in the same order.</param>
    /// <param name="plans">The plan each input's blocks come from.</param>
    /// <param name="accumulators">One per output (<see cref="CreateAccumulators"/>).</param>
    /// <param name="progress">Blocks done in the whole plan.</param>
    /// <param name="progressOffset">Blocks done before this call, for <paramref name="progress"/>.</param>
    /// <param name="cancellationToken">Stops between and during engine runs.</param>
    public void RunBlocks(NdArray<float>[] windows, int[][] windowOrigins, IReadOnlyList<BlockMeta>[] blocks, BlockPlan[] plans,
        Accumulator[] accumulators, IProgress<long>? progress, long progressOffset, CancellationToken cancellationToken)
    {
        if (blocks[0].Count == 0) return;
        Blocks = blocks[0][0].BlocksInSample;
        BatchSize = BatchSizeFor(Blocks);
        int inputs = windows.Length;
        if (_buffers.Length != inputs) _buffers = new float[inputs][];
        var volumes = plans.Select(p => NdArray.ElementCount(p.BlockShape.AsSpan())).ToArray();
        for (int i = 0; i < inputs; i++)
        {
            if (_buffers[i] is null || _buffers[i].Length < volumes[i] * BatchSize) _buffers[i] = new float[checked(volumes[i] * BatchSize)];
        }
        var merge = _merge;
        var inference = _inference;
        long done = progressOffset;
        var batches = blocks.Select(b => BlockPlanner.Batches(b, BatchSize).ToArray()).ToArray();
        var feeds = new Memory<float>[inputs];
        var shapes = new long[inputs][];
        for (int n = 0; n < batches[0].Length; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = batches[0][n];
            merge.Start();
            for (int i = 0; i < inputs; i++)
            {
                var part = batches[i][n];
                var sampleShape = part[0].SampleShape;
                for (int j = 0; j < part.Count; j++)
                {
                    ReflectPad.Extract(windows[i], windowOrigins[i], sampleShape.AsSpan(), part[j].Origin.AsSpan(), part[j].Shape.AsSpan(),
                        _buffers[i].AsSpan((int)(j * volumes[i]), (int)volumes[i]));
                }
                feeds[i] = _buffers[i].AsMemory(0, (int)(volumes[i] * part.Count));
                shapes[i] = [.. plans[i].BlockShape.Select(s => (long)s)];
                if (shapes[i].Length > 0) shapes[i][0] *= part.Count; // batch is axis 0 whenever BatchSize > 1
            }
            merge.Stop();
            inference.Start();
            engine.Run(feeds, shapes, (k, data) =>
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
