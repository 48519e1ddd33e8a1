using System.Text.Json;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// Where a run stands after an epoch: enough, with the model and optimizer tensors and the seed, to continue
/// exactly (the data sampler and dropout are seeded from <see cref="Seed"/> and the epoch).
/// </summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="EpochStep">Steps taken in the epoch after <see cref="Epoch"/> (non-zero when a run was interrupted mid-epoch).</param>
/// <param name="Step">Optimizer steps taken in all.</param>
/// <param name="Seconds">Training wall-clock time so far, summed over sessions.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="LearningRate">The learning rate the next step uses.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss so far (0: none yet).</param>
/// <param name="BestValidationLoss">That loss (infinity: none yet).</param>
/// <param name="EpochsWithoutImprovement">Epochs since <see cref="BestEpoch"/>, for early stopping.</param>
public sealed record TrainerState(int Epoch, int EpochStep, long Step, double Seconds, long Seed, double LearningRate, int BestEpoch,
    double BestValidationLoss, int EpochsWithoutImprovement)
{
    /// <summary>The state before the first epoch.</summary>
    public static TrainerState Initial(long seed, double learningRate) => new(0, 0, 0, 0, seed, learningRate, 0, double.PositiveInfinity, 0);

    /// <summary>The state as JSON (infinity written as null).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", Epoch);
            json.WriteNumber("epoch_step", EpochStep);
            json.WriteNumber("step", Step);
            json.WriteNumber("seconds", Seconds);
            json.WriteNumber("seed", Seed);
            json.WriteNumber("learning_rate", LearningRate);
            json.WriteNumber("best_epoch", BestEpoch);
            if (double.IsFinite(BestValidationLoss)) json.WriteNumber("best_validation_loss", BestValidationLoss);
            else json.WriteNull("best_validation_loss");
            json.WriteNumber("epochs_without_improvement", EpochsWithoutImprovement);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads <see cref="ToJson"/>'s output.</summary>
    /// <exception cref="InvalidDataException">When the text is not a trainer state.</exception>
    public static TrainerState FromJson(string text, string nameForErrors)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var best = root.GetProperty("best_validation_loss");
            return new TrainerState(
                root.GetProperty("epoch").GetInt32(),
                root.GetProperty("epoch_step").GetInt32(),
                root.GetProperty("step").GetInt64(),
                root.GetProperty("seconds").GetDouble(),
                root.GetProperty("seed").GetInt64(),
                root.GetProperty("learning_rate").GetDouble(),
                root.GetProperty("best_epoch").GetInt32(),
                best.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : best.GetDouble(),
                root.GetProperty("epochs_without_improvement").GetInt32());
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{nameForErrors}: not a trainer state ({error.Message})");
        }
    }
}
