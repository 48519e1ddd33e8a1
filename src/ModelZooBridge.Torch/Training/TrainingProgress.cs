namespace ModelZooBridge.Torch.Training;

/// <summary>Reported after every optimizer step and validation.</summary>
/// <param name="Epoch">The epoch in progress (1-based).</param>
/// <param name="EpochStep">Steps done in this epoch.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Loss">The last step's training loss.</param>
/// <param name="SamplesPerSecond">Training samples per second over this session.</param>
/// <param name="Fraction">How much of the run is done (0–1), by epochs or by time.</param>
/// <param name="Phase">"train" or "validate".</param>
public sealed record TrainingProgress(int Epoch, int EpochStep, int StepsPerEpoch, double Loss, double SamplesPerSecond, double Fraction, string Phase);

/// <summary>What a finished (or stopped) run produced.</summary>
/// <param name="State">The final state (also in <c>checkpoints/last.json</c>).</param>
/// <param name="Records">Every epoch's record.</param>
/// <param name="StopReason">Why training ended: "epochs", "time", "early-stopping".</param>
public sealed record TrainingResult(TrainerState State, IReadOnlyList<EpochRecord> Records, string StopReason);
