using ModelZooBridge.Tests.Data;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.Tests.Training;

/// <summary>The trainer on small synthetic data: learning, logs and checkpoints, exact resume, cancellation.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Training")]
public sealed class TrainerTests : IDisposable
{
    private readonly SyntheticVolumes.TempFolder _folder = SyntheticVolumes.NewFolder();

    public void Dispose() => _folder.Dispose();

    /// <summary>Six 32² images of a bright disc on noise; the disc is class 1.</summary>
    private TrainingRun NewRun(string name, int epochs, TrainingLoss loss = TrainingLoss.CrossEntropy)
    {
        if (!Directory.Exists(_folder.Of("images"))) DiscImages.Write(_folder.Of("images"), _folder.Of("labels"), count: 6);
        return TrainingRun.Create(_folder.Of(name), new TrainingRunSettings
        {
            Architecture = UNetKind.TwoD,
            Network = new UNetConfig(Depth: 1, FirstLevelFilters: 4),
            Images = _folder.Of("images"),
            Labels = _folder.Of("labels"),
            ValidationFraction = 0.34,
            Patch = PatchSize.Planar(16, 16),
            BatchSize = 4,
            Epochs = epochs,
            StepsPerEpoch = 5,
            LearningRate = 1e-2,
            Loss = loss,
            Seed = 11,
        });
    }

    private static TrainingResult Train(TrainingRun run, bool resume = false, int? epochs = null, CancellationToken token = default)
    {
        using var model = run.CreateModel();
        var trainer = new Trainer(model, run.LoadData(), run.Sampling, run.TrainerOptions(epochs), run.Folder);
        return trainer.RunAsync(resume, null, token).GetAwaiter().GetResult();
    }

    [Fact]
    public void Training_lowers_the_loss_and_writes_logs_and_checkpoints()
    {
        var run = NewRun("run", epochs: 4, TrainingLoss.CrossEntropyDice);
        var summary = Train(run);
        Assert.Equal("epochs", summary.StopReason);
        Assert.Equal(4, summary.Records.Count);
        Assert.True(summary.Records[^1].TrainLoss < summary.Records[0].TrainLoss * 0.8,
            $"loss {summary.Records[0].TrainLoss} → {summary.Records[^1].TrainLoss}");
        Assert.All(summary.Records, r => Assert.True(double.IsFinite(r.ValidationLoss)));
        Assert.Equal(2, summary.Records[^1].IoU.Count);
        Assert.Equal(20, summary.State.Step);
        foreach (var file in new[] { "log.csv", "log.jsonl", "loss.svg", "run.json", "checkpoints/last.safetensors", "checkpoints/best.safetensors" })
            Assert.True(File.Exists(Path.Combine(run.Folder, file)), file);
        Assert.Equal(summary.State.BestEpoch, run.Checkpoints.Load(CheckpointStore.Best).State.Epoch);
    }

    [Theory]
    [InlineData(2, 2, "train", 1, 2)]
    [InlineData(1, 5, "validate", 0, 5)]
    public void Cancelling_saves_a_checkpoint_that_resumes_exactly(int epoch, int step, string phase, int savedEpoch, int savedEpochStep)
    {
        var straight = NewRun("straight", epochs: 2);
        Train(straight);
        var interrupted = NewRun("interrupted", epochs: 2);
        using (var model = interrupted.CreateModel())
        {
            using var cancel = new CancellationTokenSource();
            var trainer = new Trainer(model, interrupted.LoadData(), interrupted.Sampling, interrupted.TrainerOptions(), interrupted.Folder);
            var progress = new CancelAt(cancel, epoch, step, phase);
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.RunAsync(false, progress, cancel.Token).GetAwaiter().GetResult());
        }
        var saved = interrupted.Checkpoints.Load(CheckpointStore.Last).State;
        Assert.Equal(savedEpoch, saved.Epoch);
        Assert.Equal(savedEpochStep, saved.EpochStep);
        Train(TrainingRun.Open(interrupted.Folder), resume: true);
        AssertSameWeights(straight, interrupted);
        Assert.Equal(File.ReadAllLines(Path.Combine(straight.Folder, "log.csv")).Length, File.ReadAllLines(Path.Combine(interrupted.Folder, "log.csv")).Length);
    }

    [Fact]
    public void A_run_folder_is_not_overwritten_and_a_damaged_run_json_is_named()
    {
        var run = NewRun("run", epochs: 1);
        Assert.Contains("already holds a training run", Assert.Throws<IOException>(() => NewRun("run", epochs: 1)).Message);
        File.WriteAllText(Path.Combine(run.Folder, TrainingRun.SettingsName), "{\"format\":\"other\"}");
        var error = Assert.Throws<InvalidDataException>(() => TrainingRun.Open(run.Folder));
        Assert.Contains("run.json: not a training run description", error.Message);
    }

    private static void AssertSameWeights(TrainingRun expected, TrainingRun actual)
    {
        var a = expected.Checkpoints.Load(CheckpointStore.Last);
        var b = actual.Checkpoints.Load(CheckpointStore.Last);
        Assert.Equal(a.State.Step, b.State.Step);
        Assert.Equal(a.Tensors.Keys.Order(), b.Tensors.Keys.Order());
        foreach (var (name, tensor) in a.Tensors)
            Assert.True(tensor.Bytes.SequenceEqual(b.Tensors[name].Bytes), $"{name} differs");
    }

    /// <summary>Cancels once the given step and phase of the given epoch is reached.</summary>
    private sealed class CancelAt(CancellationTokenSource source, int epoch, int step, string phase) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Epoch == epoch && value.EpochStep == step && value.Phase == phase) source.Cancel();
        }
    }
}
