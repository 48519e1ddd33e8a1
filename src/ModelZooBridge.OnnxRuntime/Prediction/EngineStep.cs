using System.Numerics.Tensors;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// The engine work for one batch of blocks: one run feeding every input by name, or with test-time augmentation one run
/// per transform of the batch buffers (the same transform on every input), each output block mapped back by the
/// inverse transform and the results averaged.
/// </summary>
internal sealed class EngineStep(InferenceSession session, string[] inputNames, string[] outputNames, Augmentation augmentation)
{
    private readonly float[][] _transformed = new float[inputNames.Length][];
    private readonly float[][] _inverted = new float[outputNames.Length][];
    private readonly float[][] _sums = new float[outputNames.Length][];

    /// <summary>Receives output <c>k</c> of the batch (float32, C order); the span is valid only during the call.</summary>
    public delegate void OutputSink(int output, ReadOnlySpan<float> data);

    /// <summary>The graph outputs, in the order the sink receives them.</summary>
    public IReadOnlyList<string> OutputNames => outputNames;

    /// <summary>The transforms each batch is run with.</summary>
    public IReadOnlyList<Dihedral> Transforms => augmentation.Transforms;

    /// <summary>Runs the batch of every input (<paramref name="batches"/>, shapes <paramref name="shapes"/>, in input order) and hands every output to <paramref name="sink"/>.</summary>
    public void Run(Memory<float>[] batches, long[][] shapes, OutputSink sink, CancellationToken cancellationToken)
    {
        if (augmentation.Transforms.Count == 1)
        {
            using var outputs = RunOnce(batches, shapes, cancellationToken);
            for (int k = 0; k < outputNames.Length; k++) sink(k, Floats(outputs[k], k));
            return;
        }
        var transformed = new Memory<float>[batches.Length];
        for (int i = 0; i < batches.Length; i++) transformed[i] = Grown(_transformed, i, batches[i].Length);
        var lengths = new int[outputNames.Length];
        int[][] inputShapes = [.. shapes.Select(shape => shape.Select(s => checked((int)s)).ToArray())];
        for (int t = 0; t < augmentation.Transforms.Count; t++)
        {
            var transform = augmentation.Transforms[t];
            for (int i = 0; i < batches.Length; i++)
                transform.Apply(batches[i].Span, transformed[i].Span, inputShapes[i], augmentation.Inputs[i]);
            using var outputs = RunOnce(transformed, shapes, cancellationToken);
            for (int k = 0; k < outputNames.Length; k++)
            {
                var data = Floats(outputs[k], k);
                lengths[k] = data.Length;
                var inverted = Buffer(_inverted, k, data.Length);
                transform.Inverse.Apply(data, inverted, [.. outputs[k].Shape.Select(s => (int)s)], augmentation.Outputs[k]);
                var sum = Buffer(_sums, k, data.Length);
                if (t == 0) inverted.CopyTo(sum);
                else TensorPrimitives.Add(sum, inverted, sum);
            }
        }
        for (int k = 0; k < outputNames.Length; k++)
        {
            var mean = _sums[k].AsSpan(0, lengths[k]);
            TensorPrimitives.Multiply(mean, 1f / augmentation.Transforms.Count, mean);
            sink(k, mean);
        }
    }

    private OrtValueCollection RunOnce(Memory<float>[] batches, long[][] shapes, CancellationToken cancellationToken)
    {
        var values = new OrtValue[batches.Length];
        try
        {
            for (int i = 0; i < values.Length; i++) values[i] = OrtValue.CreateTensor(batches[i], shapes[i]);
            return session.Run(inputNames, values, outputNames, cancellationToken);
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
        }
    }

    private ReadOnlySpan<float> Floats(OrtValue output, int k) => output.DType == DType.Float32
        ? output.GetTensorDataAsSpan<float>()
        : throw new NotSupportedException($"output '{outputNames[k]}' is {output.DType.Name()}; the predictor merges float32 outputs");

    /// <summary>Buffer <paramref name="k"/> of <paramref name="pool"/>, grown to at least <paramref name="length"/>, sliced to it.</summary>
    private static Span<float> Buffer(float[][] pool, int k, int length) => Grown(pool, k, length).Span;

    private static Memory<float> Grown(float[][] pool, int k, int length)
    {
        if (pool[k] is null || pool[k].Length < length) pool[k] = new float[length];
        return pool[k].AsMemory(0, length);
    }
}
