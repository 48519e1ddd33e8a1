namespace ModelZooBridge.Torch.Training;

/// <summary>How the learning rate changes over a run.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The base rate throughout.</summary>
    Constant,
    /// <summary>Cosine decay from the base rate to <see cref="LearningRateSchedule.FinalFraction"/> of it.</summary>
    Cosine,
}

/// <summary>
/// The learning rate as a function of progress through the run (epochs done / epochs, or time used / budget, so a
/// wall-clock run decays as an epoch-counted one does). Pure, so a resumed run gets the same rates.
/// </summary>
/// <param name="Kind">The schedule.</param>
/// <param name="BaseRate">The starting rate.</param>
/// <param name="WarmupFraction">Share of the run over which the rate ramps linearly up from a tenth of the base rate.</param>
/// <param name="FinalFraction">Cosine: the final rate as a share of the base rate.</param>
public sealed record LearningRateSchedule(LearningRateScheduleKind Kind, double BaseRate, double WarmupFraction = 0, double FinalFraction = 0.01)
{
    /// <summary>The rate at <paramref name="progress"/> (0–1).</summary>
    public double RateAt(double progress)
    {
        progress = Math.Clamp(progress, 0, 1);
        if (WarmupFraction > 0 && progress < WarmupFraction)
            return BaseRate * (0.1 + 0.9 * progress / WarmupFraction);
        return Kind switch
        {
            LearningRateScheduleKind.Constant => BaseRate,
            LearningRateScheduleKind.Cosine => Cosine(progress),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown schedule"),
        };
    }

    private double Cosine(double progress)
    {
        double t = WarmupFraction >= 1 ? 1 : (progress - WarmupFraction) / (1 - WarmupFraction);
        double final = BaseRate * FinalFraction;
        return final + (BaseRate - final) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
