using ModelZooBridge.Imaging;
using ModelZooBridge.Metrics;
using ModelZooBridge.Tests.Data;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.Tests.Training;

/// <summary>Brief training on real EM data (samples/isbi2012) beats a global threshold on the membrane class.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Training")]
public sealed class IsbiTrainingTests
{
    [Fact]
    public async Task A_small_unet_trained_briefly_beats_an_otsu_threshold_on_membranes()
    {
        using var folder = SyntheticVolumes.NewFolder();
        var samples = Path.Combine(RepositoryPaths.Root, "samples", "isbi2012");
        foreach (var (slices, split) in new[] { (new[] { 0, 1, 2, 3, 4, 5 }, "train"), (new[] { 20, 21 }, "validation") })
        {
            foreach (int i in slices)
            {
                SyntheticVolumes.CopyFile(Path.Combine(samples, "image", $"{i}.png"), folder.Of(split, "image", $"{i}.png"));
                SyntheticVolumes.CopyFile(Path.Combine(samples, "label", $"{i}.png"), folder.Of(split, "label", $"{i}.png"));
            }
        }
        var run = TrainingRun.Create(folder.Of("run"), new TrainingRunSettings
        {
            Architecture = UNetKind.TwoD,
            Network = new UNetConfig(Depth: 2, FirstLevelFilters: 8),
            Images = folder.Of("train", "image"),
            Labels = folder.Of("train", "label"),
            ValidationImages = folder.Of("validation", "image"),
            ValidationLabels = folder.Of("validation", "label"),
            Patch = PatchSize.Planar(128, 128),
            BatchSize = 4,
            Epochs = 3,
            StepsPerEpoch = 15,
            LearningRate = 3e-3,
            Seed = 1,
        });
        using var model = run.CreateModel();
        var summary = await new Trainer(model, run.LoadData(), run.Sampling, run.TrainerOptions(), run.Folder).RunAsync(false);

        const int Membrane = 0; // raw 0 in the ISBI labels
        var records = summary.Records;
        double otsu = OtsuMembraneF1(folder.Of("validation"), [20, 21]);
        Assert.True(records[^1].TrainLoss < records[0].TrainLoss, $"train loss {records[0].TrainLoss} → {records[^1].TrainLoss}");
        Assert.True(records[^1].F1[Membrane] > records[0].F1[Membrane], $"membrane F1 {records[0].F1[Membrane]} → {records[^1].F1[Membrane]}");
        Assert.True(records[^1].F1[Membrane] > otsu + 0.05, $"membrane F1 {records[^1].F1[Membrane]:F3}, Otsu threshold {otsu:F3}");
    }

    /// <summary>Membrane F1 of calling every pixel darker than the image's Otsu threshold membrane.</summary>
    private static double OtsuMembraneF1(string folder, int[] slices)
    {
        var matrix = new ConfusionMatrix(2);
        foreach (int i in slices)
        {
            var image = ImageFiles.Read(Path.Combine(folder, "image", $"{i}.png")).As<byte>().Span.ToArray();
            var label = ImageFiles.Read(Path.Combine(folder, "label", $"{i}.png")).As<byte>().Span.ToArray();
            int threshold = Otsu(image);
            matrix.Add([.. label.Select(v => v == 0 ? 0 : 1)], [.. image.Select(v => v <= threshold ? 0 : 1)]);
        }
        return ClassScores.Of(matrix, 0).Dice;
    }

    private static int Otsu(byte[] pixels)
    {
        var histogram = new long[256];
        foreach (var p in pixels) histogram[p]++;
        double total = pixels.Length, sum = 0;
        for (int v = 0; v < 256; v++) sum += v * (double)histogram[v];
        double below = 0, sumBelow = 0, best = -1;
        int threshold = 0;
        for (int t = 0; t < 256; t++)
        {
            below += histogram[t];
            sumBelow += t * (double)histogram[t];
            double above = total - below;
            if (below == 0 || above == 0) continue;
            double between = below * above * Math.Pow(sumBelow / below - (sum - sumBelow) / above, 2);
            if (between > best)
            {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }
}
