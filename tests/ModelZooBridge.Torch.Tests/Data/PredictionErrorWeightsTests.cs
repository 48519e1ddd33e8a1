using ModelZooBridge.Torch.Data;
using static ModelZooBridge.Tests.Data.SyntheticVolumes;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class PredictionErrorWeightsTests
{
    [Fact]
    public void Corrected_pixels_weigh_one_plus_w()
    {
        var weights = new float[4];
        PredictionErrorWeights.Compute([0, 1, 1, 2], [0, 0, 1, 1], 4f, weights);
        Assert.Equal([1f, 5f, 1f, 5f], weights);
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionErrorWeights.Compute([0], [0], -1f, new float[1]));
    }

    [Fact]
    public void Weights_from_a_prediction_folder_reach_the_batches()
    {
        using var folder = NewFolder();
        Write(folder.Of("i", "a.png"), new byte[] { 10, 20, 30, 40 }, [2, 2], "yx");
        Write(folder.Of("l", "a.png"), new byte[] { 0, 255, 255, 0 }, [2, 2], "yx");
        Write(folder.Of("p", "a.png"), new byte[] { 0, 0, 255, 255 }, [2, 2], "yx");
        var data = TrainingData.Load(new TrainingDataOptions
        {
            Images = folder.Of("i"), Labels = folder.Of("l"), ValidationFraction = 0, Weights = new PredictionErrorWeights(folder.Of("p"), 2f),
        });
        Assert.Equal([1f, 3f, 1f, 3f], data.Training[0].Weights!);
        var batch = new BatchGenerator(data, new SamplingOptions { Patch = PatchSize.Planar(2, 2), BatchSize = 1, Augmentation = AugmentationOptions.None }).Generate(0, 0);
        Assert.Equal([1f, 3f, 1f, 3f], batch.Weights!);
    }

    [Fact]
    public void A_missing_or_misshapen_prediction_is_named()
    {
        using var folder = NewFolder();
        Write(folder.Of("i", "a.png"), new byte[4], [2, 2], "yx");
        Write(folder.Of("l", "a.png"), new byte[] { 0, 255, 255, 0 }, [2, 2], "yx");
        var options = new TrainingDataOptions { Images = folder.Of("i"), Labels = folder.Of("l"), ValidationFraction = 0, Weights = new PredictionErrorWeights(folder.Of("p"), 2f) };
        Directory.CreateDirectory(folder.Of("p"));
        Assert.Contains("no prediction named 'a.*'", Assert.Throws<TrainingDataException>(() => TrainingData.Load(options)).Message);
        var wrong = Write(folder.Of("p", "a.png"), new byte[6], [2, 3], "yx");
        Assert.StartsWith(wrong, Assert.Throws<TrainingDataException>(() => TrainingData.Load(options)).Message);
    }
}
