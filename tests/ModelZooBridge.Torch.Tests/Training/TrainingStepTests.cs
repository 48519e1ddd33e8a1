using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.Tests.Training;

/// <summary>The single optimizer step the Trainer takes (and the training benchmark times).</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Training")]
public sealed class TrainingStepTests
{
    [Fact]
    public void Repeated_steps_on_one_batch_fit_it()
    {
        TorchRuntime.ManualSeed(5);
        using var model = UNet.Create2D(new UNetConfig(Depth: 1, FirstLevelFilters: 4));
        model.Train();
        using var optimizer = new Adam(model.TrainableParameters(), 1e-2);
        var batch = new TrainingBatch(0, 0, 2, 1, PatchSize.Planar(16, 16), weighted: false);
        for (int i = 0; i < batch.Images.Length; i++)
        {
            // The class is the sign of the image: learnable by the 1x1 path alone.
            batch.Images[i] = (i * 7919 % 13) / 6f - 1;
            batch.Classes[i] = batch.Images[i] > 0 ? 1 : 0;
        }
        double first = TrainingStep.Run(model, optimizer, batch, TrainingLoss.CrossEntropyDice);
        double last = first;
        for (int step = 0; step < 30; step++) last = TrainingStep.Run(model, optimizer, batch, TrainingLoss.CrossEntropyDice);
        Assert.True(double.IsFinite(first));
        Assert.True(last < first * 0.5, $"loss {first} → {last}");
    }
}
