using ModelZooBridge.Metrics;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Torch.Training;

/// <summary>Validation loss and per-class IoU and F1 (NaN without validation data).</summary>
internal sealed record ValidationScores(double Loss, double[] IoU, double[] F1);

/// <summary>
/// Runs the model over every validation volume, tiled by the training patch on a regular grid (the last tile of each
/// axis moved back inside the volume); each voxel is scored once, by the tile that owns it, so the figures are those
/// of the whole volumes. With valid convolutions (outputs smaller than the patch) each tile scores its centre output.
/// </summary>
internal sealed class ValidationPass(IReadOnlyList<TrainingVolume> volumes, PatchSize patch, int batchSize, int classCount)
{
    private readonly PatchRenderer _renderer = new();

    public ValidationScores Run(Module<Tensor, Tensor> model, CancellationToken cancellationToken)
    {
        if (volumes.Count == 0)
            return new ValidationScores(double.NaN, [.. Enumerable.Repeat(double.NaN, classCount)], [.. Enumerable.Repeat(double.NaN, classCount)]);
        var matrix = new ConfusionMatrix(classCount);
        double lossSum = 0;
        long lossPixels = 0;
        using var noGrad = TorchRuntime.NoGrad();
        foreach (var chunk in Tiles().Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new TrainingBatch(0, 0, chunk.Length, volumes[0].Channels, patch, weighted: false);
            for (int i = 0; i < chunk.Length; i++)
            {
                batch.Origins[i] = chunk[i].Origin;
                _renderer.Crop(volumes[chunk[i].Origin.Volume], chunk[i].Origin, patch, batch.ImageOf(i), batch.ClassesOf(i), []);
            }
            using var scope = TorchRuntime.NewScope();
            var logits = model.Forward(Tensor.FromArray<float>(batch.Images, batch.ImageShape));
            var (classes, _) = Targets.CroppedTo(batch, logits.Shape);
            var outputShape = classes.Shape;
            long pixels = classes.NumberOfElements;
            lossSum += Losses.CrossEntropy(logits, classes).Item() * pixels;
            lossPixels += pixels;
            var predicted = Functional.Argmax(logits, 1).ToArray<long>();
            var truth = classes.ToArray<long>();
            int voxels = (int)(pixels / chunk.Length);
            for (int i = 0; i < chunk.Length; i++)
                AddOwned(matrix, truth.AsSpan(i * voxels, voxels), predicted.AsSpan(i * voxels, voxels), chunk[i], outputShape);
        }
        var scores = Enumerable.Range(0, classCount).Select(k => ClassScores.Of(matrix, k)).ToArray();
        return new ValidationScores(lossSum / Math.Max(1, lossPixels), [.. scores.Select(s => s.Iou)], [.. scores.Select(s => s.Dice)]);
    }

    /// <summary>Adds the voxels of one tile's output that the tile owns (all of it when outputs are smaller than the patch).</summary>
    private static void AddOwned(ConfusionMatrix matrix, ReadOnlySpan<long> truth, ReadOnlySpan<long> predicted, Tile tile, long[] outputShape)
    {
        int width = (int)outputShape[^1], height = (int)outputShape[^2], depth = outputShape.Length == 4 ? (int)outputShape[1] : 1;
        bool full = depth == tile.Depth && height == tile.Height && width == tile.Width;
        var (z0, z1) = full ? tile.OwnedZ : (0, depth);
        var (y0, y1) = full ? tile.OwnedY : (0, height);
        var (x0, x1) = full ? tile.OwnedX : (0, width);
        var truthRow = new int[x1 - x0];
        var predictedRow = new int[x1 - x0];
        for (int z = z0; z < z1; z++)
        {
            for (int y = y0; y < y1; y++)
            {
                int start = (z * height + y) * width + x0;
                for (int x = 0; x < truthRow.Length; x++)
                {
                    truthRow[x] = (int)truth[start + x];
                    predictedRow[x] = (int)predicted[start + x];
                }
                matrix.Add(truthRow, predictedRow);
            }
        }
    }

    private IEnumerable<Tile> Tiles()
    {
        for (int v = 0; v < volumes.Count; v++)
        {
            var volume = volumes[v];
            foreach (var (z, zOwned) in Grid(volume.Depth, patch.Depth))
            foreach (var (y, yOwned) in Grid(volume.Height, patch.Height))
            foreach (var (x, xOwned) in Grid(volume.Width, patch.Width))
                yield return new Tile(new PatchOrigin(v, z, y, x, false), patch.Depth, patch.Height, patch.Width, zOwned, yOwned, xOwned);
        }
    }

    /// <summary>Tile origins along one axis and the range of each tile (tile coordinates) it alone scores.</summary>
    private static IEnumerable<(int Origin, (int Start, int End) Owned)> Grid(int size, int tile)
    {
        if (size <= tile)
        {
            yield return (0, (0, size));
            yield break;
        }
        for (int start = 0; start < size; start += tile)
        {
            int origin = Math.Min(start, size - tile);
            yield return (origin, (start - origin, Math.Min(start + tile, size) - origin));
        }
    }

    private sealed record Tile(PatchOrigin Origin, int Depth, int Height, int Width, (int, int) OwnedZ, (int, int) OwnedY, (int, int) OwnedX);
}
