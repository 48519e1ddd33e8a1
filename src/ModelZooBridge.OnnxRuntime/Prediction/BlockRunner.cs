using System.Diagnostics;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Runs one <see cref="BlockPlan"/> through an <see cref="EngineStep"/>: blocks are reflect-pad extracted into a batch buffer, run,
/// mapped to output blocks (<see cref="BlockTransform"/>) and merged by one <see cref="Accumulator"/> per output.
/// </summary>
internal sealed class BlockRunner(EngineStep engine, OutputAxisMap[][] maps, int batchSize)
{
    public int Blocks { get; private set; }

    public int BatchSize { get; private set; }

    public TimeSpan Inference { get; private set; }

    public TimeSpan Merge { get; private set; }

    /// <summary>Runs every block and returns the merged outputs (raw, before postprocessing), axes named by position.</summary>
    public NdArray<float>[] Run(NdArray<float> sample, BlockPlan plan, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var blocks = BlockPlanner.Split(sample.Shape.AsSpan(), plan.BlockShape.AsSpan(), plan.Halo.AsSpan(), plan.Stride.AsSpan());
        Blocks = blocks.Count;
        BatchSize = Math.Min(batchSize, blocks.Count);
        var overlap = plan.Overlap;
        var accumulators = new Accumulator[maps.Length];
        for (int k = 0; k < maps.Length; k++)
        {
            var shape = BlockTransform.OutputSampleShape(sample.Shape.AsSpan(), maps[k]);
            var outOverlap = maps[k].Select(m => m.IsWhole ? 0 : (int)Math.Round(overlap[m.InputAxis] * m.Factor)).ToArray();
            var axes = Enumerable.Range(0, shape.Length).Select(a => new AxisId($"o{a}")).ToArray();
            accumulators[k] = new Accumulator(shape.AsSpan(), axes, outOverlap);
        }
        long blockVolume = NdArray.ElementCount(plan.BlockShape.AsSpan());
        var buffer = new float[checked(blockVolume * BatchSize)];
        var merge = new Stopwatch();
        var inference = new Stopwatch();
        long done = 0;
        foreach (var batch in BlockPlanner.Batches(blocks, BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            merge.Start();
            for (int i = 0; i < batch.Count; i++)
                ReflectPad.Extract(sample, batch[i].Origin.AsSpan(), batch[i].Shape.AsSpan(), buffer.AsSpan((int)(i * blockVolume), (int)blockVolume));
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
        merge.Start();
        var merged = accumulators.Select(a => a.Finish()).ToArray();
        merge.Stop();
        Inference = inference.Elapsed;
        Merge = merge.Elapsed;
        return merged;
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
