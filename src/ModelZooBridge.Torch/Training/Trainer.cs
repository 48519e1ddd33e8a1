using System.Diagnostics;
using ModelZooBridge.Metrics;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// Trains a segmentation network with Adam on batches from a <see cref="BatchProducer"/> (prepared on another thread
/// while libtorch computes), validates after each epoch (loss, per-class IoU and F1 over the validation volumes),
/// keeps the best model by validation loss, writes <c>checkpoints/last</c> every epoch and on cancellation, and
/// resumes exactly: batches and dropout are seeded by (seed, epoch, step), and the optimizer state is checkpointed.
/// </summary>
public sealed class Trainer
{
    private readonly Module<Tensor, Tensor> _model;
    private readonly TrainingData _data;
    private readonly SamplingOptions _sampling;
    private readonly TrainerOptions _options;
    private readonly string _runFolder;

    /// <summary>Prepares training of <paramref name="model"/>; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="model">The network, initialised (or loaded for transfer learning) by the caller.</param>
    /// <param name="data">Training and validation volumes.</param>
    /// <param name="sampling">Patch size, batch size, seed, oversampling and augmentation.</param>
    /// <param name="options">Duration, schedule, loss, threads.</param>
    /// <param name="runFolder">Where checkpoints and logs go (created when missing).</param>
    public Trainer(Module<Tensor, Tensor> model, TrainingData data, SamplingOptions sampling, TrainerOptions options, string runFolder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        options.Validate();
        _model = model;
        _data = data;
        _sampling = sampling;
        _options = options;
        _runFolder = Directory.CreateDirectory(runFolder).FullName;
        Checkpoints = new CheckpointStore(Path.Combine(_runFolder, "checkpoints"));
    }

    /// <summary>The run's checkpoints.</summary>
    public CheckpointStore Checkpoints { get; }

    /// <summary>
    /// Trains until the epochs or the time budget are used up, or early stopping ends the run. With
    /// <paramref name="resume"/> it continues from <c>checkpoints/last</c>. Cancellation saves <c>last</c> at the
    /// current step before <see cref="OperationCanceledException"/> propagates.
    /// </summary>
    public async Task<TrainingResult> RunAsync(bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TorchRuntime.NumThreads = _options.Threads;
        using var optimizer = new Adam(_model.TrainableParameters(), _options.Schedule.BaseRate, weightDecay: _options.WeightDecay);
        TrainerState state;
        TrainingLog log;
        if (resume)
        {
            var (tensors, saved) = Checkpoints.Load(CheckpointStore.Last);
            TrainingState.Restore(_model, optimizer, tensors, Checkpoints.TensorPath(CheckpointStore.Last));
            state = saved;
            log = TrainingLog.Resume(_runFolder, state.Epoch);
        }
        else
        {
            state = TrainerState.Initial(_sampling.Seed, _options.Schedule.BaseRate);
            log = TrainingLog.Create(_runFolder);
        }

        var producer = new BatchProducer(new BatchGenerator(_data, _sampling));
        var validation = new ValidationPass(_data.Validation, _sampling.Patch, _sampling.BatchSize, _data.Mapping.ClassCount);
        var session = Stopwatch.StartNew();
        double sessionStartSeconds = state.Seconds;
        long samples = 0;
        string? stopReason = null;
        while (stopReason is null)
        {
            int epoch = state.Epoch + 1;
            _model.Train();
            double lossSum = 0;
            int lossCount = 0;
            var waitBefore = producer.WaitTime;
            var epochClock = Stopwatch.StartNew();
            bool timeUp = false;
            ValidationScores scores;
            try
            {
                await foreach (var batch in producer.ProduceAsync(epoch, state.EpochStep, _options.StepsPerEpoch - state.EpochStep, cancellationToken))
                {
                    optimizer.LearningRate = _options.Schedule.RateAt(Fraction(state));
                    TorchRuntime.ManualSeed(StepSeed(state.Seed, epoch, state.EpochStep));
                    double loss = TrainingStep.Run(_model, optimizer, batch, _options.Loss);
                    lossSum += loss;
                    lossCount++;
                    samples += batch.BatchSize;
                    state = state with
                    {
                        EpochStep = state.EpochStep + 1,
                        Step = state.Step + 1,
                        Seconds = sessionStartSeconds + session.Elapsed.TotalSeconds,
                        LearningRate = optimizer.LearningRate,
                    };
                    progress?.Report(new TrainingProgress(epoch, state.EpochStep, _options.StepsPerEpoch, loss,
                        samples / session.Elapsed.TotalSeconds, Fraction(state), "train"));
                    if (_options.TimeBudget is { } budget && state.Seconds >= budget.TotalSeconds)
                    {
                        timeUp = true;
                        break;
                    }
                }
                progress?.Report(new TrainingProgress(epoch, state.EpochStep, _options.StepsPerEpoch, lossSum / Math.Max(1, lossCount),
                    samples / session.Elapsed.TotalSeconds, Fraction(state), "validate"));
                _model.Eval();
                scores = validation.Run(_model, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The state counts the steps done, so a resume repeats only this epoch's validation.
                Checkpoints.Save(CheckpointStore.Last, TrainingState.Capture(_model, optimizer), state);
                throw;
            }
            double dataWait = (producer.WaitTime - waitBefore).TotalSeconds / Math.Max(1e-9, epochClock.Elapsed.TotalSeconds);
            bool improved = scores.Loss < state.BestValidationLoss;
            state = state with
            {
                Epoch = epoch,
                EpochStep = 0,
                Seconds = sessionStartSeconds + session.Elapsed.TotalSeconds,
                BestEpoch = improved ? epoch : state.BestEpoch,
                BestValidationLoss = improved ? scores.Loss : state.BestValidationLoss,
                EpochsWithoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1,
            };
            log.Append(new EpochRecord(epoch, state.Step, state.Seconds, state.LearningRate, lossSum / Math.Max(1, lossCount), scores.Loss,
                scores.IoU, scores.F1, dataWait));
            var tensors = TrainingState.Capture(_model, optimizer);
            Checkpoints.Save(CheckpointStore.Last, tensors, state);
            if (improved || !double.IsFinite(scores.Loss)) Checkpoints.Save(CheckpointStore.Best, tensors, state);

            if (_options.Epochs is { } epochs && epoch >= epochs) stopReason = "epochs";
            else if (timeUp || (_options.TimeBudget is { } budget && state.Seconds >= budget.TotalSeconds)) stopReason = "time";
            else if (_options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= _options.EarlyStoppingPatience) stopReason = "early-stopping";
        }
        return new TrainingResult(state, log.Records, stopReason);
    }

    private double Fraction(TrainerState state) => _options.TimeBudget is { } budget
        ? Math.Min(1, state.Seconds / budget.TotalSeconds)
        : Math.Min(1, (state.Epoch * (double)_options.StepsPerEpoch + state.EpochStep) / (_options.Epochs!.Value * (double)_options.StepsPerEpoch));

    /// <summary>The libtorch seed of one step, so dropout repeats exactly on resume.</summary>
    private static ulong StepSeed(long seed, int epoch, int step) => new SeededRandom(seed, epoch, step).NextBits() >> 1;
}
