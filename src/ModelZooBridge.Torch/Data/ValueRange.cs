namespace ModelZooBridge.Torch.Data;

/// <summary>A closed range a random parameter is drawn from uniformly.</summary>
/// <param name="Min">Lower end.</param>
/// <param name="Max">Upper end (≥ <paramref name="Min"/>).</param>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>A uniform draw from the range.</summary>
    public double Draw(SeededRandom random) => random.NextDouble(Min, Max);

    /// <summary>Throws unless <see cref="Min"/> ≤ <see cref="Max"/> and both are finite.</summary>
    public void Validate(string name)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || Min > Max)
            throw new ArgumentOutOfRangeException(name, this, "range needs finite Min <= Max");
    }
}
