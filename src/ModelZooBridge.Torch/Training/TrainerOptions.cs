namespace ModelZooBridge.Torch.Training;

/// <summary>The loss a <see cref="Trainer"/> minimises.</summary>
public enum TrainingLoss
{
    /// <summary>Cross-entropy with the batch's per-pixel weights.</summary>
    CrossEntropy,
    /// <summary>Cross-entropy plus soft Dice (helps thin or rare classes).</summary>
    CrossEntropyDice,
}

/// <summary>How long and how a <see cref="Trainer"/> trains. Give <see cref="Epochs"/> or <see cref="TimeBudget"/>.</summary>
public sealed record TrainerOptions
{
    /// <summary>Epochs to train, or null when <see cref="TimeBudget"/> bounds the run.</summary>
    public int? Epochs { get; init; }

    /// <summary>Wall-clock training time (summed over resumed sessions), or null when <see cref="Epochs"/> bounds the run.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Optimizer steps per epoch (each followed by validation and a checkpoint).</summary>
    public int StepsPerEpoch { get; init; } = 20;

    /// <summary>Learning rate over the run (Adam).</summary>
    public LearningRateSchedule Schedule { get; init; } = new(LearningRateScheduleKind.Cosine, 1e-3, WarmupFraction: 0.02);

    /// <summary>Adam's L2 weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The loss.</summary>
    public TrainingLoss Loss { get; init; } = TrainingLoss.CrossEntropy;

    /// <summary>Stop after this many epochs without a lower validation loss; 0 never stops early.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>libtorch intra-op threads (1 is fastest for small steps on a 2-vCPU machine; measure before raising).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Epochs is null == TimeBudget is null)
            throw new ArgumentException("give either a number of epochs or a time budget");
        if (Epochs is < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be at least 1");
        if (TimeBudget is { } budget && budget <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "the time budget must be positive");
        if (StepsPerEpoch < 1) throw new ArgumentOutOfRangeException(nameof(StepsPerEpoch), StepsPerEpoch, "steps per epoch must be at least 1");
        if (!(Schedule.BaseRate > 0)) throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule.BaseRate, "the learning rate must be positive");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay cannot be negative");
        if (EarlyStoppingPatience < 0) throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "patience cannot be negative");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be at least 1");
    }
}
