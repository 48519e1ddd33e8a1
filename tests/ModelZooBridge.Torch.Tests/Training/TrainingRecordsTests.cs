using ModelZooBridge.Arrays;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.Tests.Training;

[Trait("Area", "Training")]
public sealed class TrainingRecordsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mzb-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EpochRecord Epoch(int epoch, double validation = 0.5) =>
        new(epoch, epoch * 10L, epoch * 1.5, 1e-3, 1.0 / epoch, validation, [0.25, 0.75], [0.4, 0.8], 0.01);

    [Fact]
    public void Log_writes_csv_jsonl_and_svg_after_each_epoch()
    {
        var log = TrainingLog.Create(_folder);
        log.Append(Epoch(1));
        log.Append(Epoch(2, double.NaN));
        var csv = File.ReadAllLines(Path.Combine(_folder, TrainingLog.CsvName));
        Assert.Equal("epoch,step,seconds,learning_rate,train_loss,validation_loss,iou_0,iou_1,f1_0,f1_1,data_wait_share", csv[0]);
        Assert.Equal("1,10,1.5,0.001,1,0.5,0.25,0.75,0.4,0.8,0.01", csv[1]);
        Assert.Equal("2,20,3,0.001,0.5,,0.25,0.75,0.4,0.8,0.01", csv[2]);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_folder, TrainingLog.JsonLinesName)).Length);
        var svg = File.ReadAllText(Path.Combine(_folder, TrainingLog.SvgName));
        Assert.StartsWith("<svg", svg);
        Assert.Contains("train loss", svg);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
    }

    [Fact]
    public void Resume_drops_epochs_after_the_checkpoint()
    {
        var log = TrainingLog.Create(_folder);
        for (int e = 1; e <= 4; e++) log.Append(Epoch(e));
        var resumed = TrainingLog.Resume(_folder, lastEpoch: 2);
        Assert.Equal([1, 2], resumed.Records.Select(r => r.Epoch));
        Assert.Equal(Epoch(2).IoU, resumed.Records[1].IoU);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_folder, TrainingLog.CsvName)).Length);
    }

    [Fact]
    public void Resume_refuses_a_damaged_log_naming_the_line()
    {
        File.WriteAllText(Path.Combine(_folder, TrainingLog.JsonLinesName), "{\"epoch\":1}\n");
        var error = Assert.Throws<InvalidDataException>(() => TrainingLog.Resume(_folder, 1));
        Assert.Contains("log.jsonl:1: not an epoch record", error.Message);
    }

    [Fact]
    public void Checkpoint_round_trips_tensors_and_state()
    {
        var store = new CheckpointStore(Path.Combine(_folder, "checkpoints"));
        var weight = NdArray.Create(DType.Float32, [2, 2]).As<float>();
        new[] { 1f, 2f, 3f, 4f }.CopyTo(weight.Span);
        var state = new TrainerState(3, 0, 120, 61.5, 42, 5e-4, 2, 0.31, 1);
        store.Save(CheckpointStore.Last, new Dictionary<string, NdArray> { ["model.conv.weight"] = weight }, state);
        var (tensors, back) = store.Load(CheckpointStore.Last);
        Assert.Equal(state, back);
        Assert.Equal([1f, 2f, 3f, 4f], tensors["model.conv.weight"].As<float>().Span.ToArray());
        Assert.Contains("\"best_epoch\": 2", File.ReadAllText(Path.Combine(store.Folder, "last.json")));
        Assert.False(store.Exists(CheckpointStore.Best));
        Assert.Throws<FileNotFoundException>(() => store.Load(CheckpointStore.Best));
    }

    [Fact]
    public void Initial_state_survives_json_with_infinite_best_loss()
    {
        var state = TrainerState.Initial(7, 1e-3);
        Assert.Equal(state, TrainerState.FromJson(state.ToJson(), "x"));
        Assert.Throws<InvalidDataException>(() => TrainerState.FromJson("{}", "x"));
    }

    [Fact]
    public void Cosine_schedule_decays_from_base_to_final_with_warmup()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1e-3, WarmupFraction: 0.1, FinalFraction: 0.01);
        Assert.Equal(1e-4, schedule.RateAt(0), 12);
        Assert.Equal(1e-3, schedule.RateAt(0.1), 12);
        Assert.Equal(1e-5, schedule.RateAt(1), 12);
        Assert.Equal((1e-3 + 1e-5) / 2, schedule.RateAt(0.55), 12);
        Assert.Equal(1e-3, new LearningRateSchedule(LearningRateScheduleKind.Constant, 1e-3).RateAt(0.7));
    }
}
