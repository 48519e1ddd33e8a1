using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Torch.Training;

/// <summary>Turns a batch's classes and weights into the loss's target tensors.</summary>
internal static class Targets
{
    /// <summary>The batch's classes and weights as tensors, centre-cropped to the logits' size (valid convolutions shrink it).</summary>
    public static (Tensor Classes, Tensor? Weights) CroppedTo(TrainingBatch batch, long[] logitsShape)
    {
        var outputShape = logitsShape.Where((_, d) => d != 1).ToArray();
        if (outputShape.SequenceEqual(batch.LabelShape))
        {
            return (Tensor.FromArray<long>(batch.Classes, batch.LabelShape),
                batch.Weights is null ? null : Tensor.FromArray<float>(batch.Weights, batch.LabelShape));
        }
        var classes = CenterCrop<long>(batch.Classes, batch.LabelShape, outputShape);
        var weights = batch.Weights is null ? null : CenterCrop<float>(batch.Weights, batch.LabelShape, outputShape);
        return (Tensor.FromArray<long>(classes, outputShape), weights is null ? null : Tensor.FromArray<float>(weights, outputShape));
    }

    /// <summary>The centred <paramref name="cropped"/>-shaped block of a C-order array, copied row by row.</summary>
    private static T[] CenterCrop<T>(T[] source, long[] shape, long[] cropped) where T : unmanaged
    {
        int rank = shape.Length;
        var origin = shape.Zip(cropped, (s, t) => (s - t) / 2).ToArray();
        var target = new T[cropped.Aggregate(1L, (a, b) => a * b)];
        int rowLength = (int)cropped[^1];
        long rows = target.LongLength / Math.Max(1, rowLength);
        var index = new long[rank];
        for (long row = 0; row < rows; row++)
        {
            long rest = row, offset = 0;
            for (int d = rank - 2; d >= 0; d--)
            {
                index[d] = rest % cropped[d];
                rest /= cropped[d];
            }
            for (int d = 0; d < rank - 1; d++) offset = (offset + index[d] + origin[d]) * shape[d + 1];
            source.AsSpan((int)(offset + origin[^1]), rowLength).CopyTo(target.AsSpan((int)(row * rowLength), rowLength));
        }
        return target;
    }
}
