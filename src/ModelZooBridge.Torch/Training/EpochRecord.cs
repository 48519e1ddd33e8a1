namespace ModelZooBridge.Torch.Training;

/// <summary>What one training epoch measured; one line of <c>log.csv</c> and <c>log.jsonl</c>.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">Optimizer steps taken so far.</param>
/// <param name="Seconds">Wall-clock training time so far (validation included).</param>
/// <param name="LearningRate">The learning rate at the end of the epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's steps.</param>
/// <param name="ValidationLoss">Mean validation loss, or NaN without validation data.</param>
/// <param name="IoU">Validation IoU (Jaccard) per class.</param>
/// <param name="F1">Validation F1 (Dice) per class.</param>
/// <param name="DataWaitShare">Share of the epoch's step time spent waiting for batches (0–1).</param>
public sealed record EpochRecord(int Epoch, long Step, double Seconds, double LearningRate, double TrainLoss, double ValidationLoss,
    IReadOnlyList<double> IoU, IReadOnlyList<double> F1, double DataWaitShare);
