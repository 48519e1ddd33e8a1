namespace ModelZooBridge.Spec;

/// <summary><c>training_data</c>: either a <see cref="LinkedDataset"/> or an <see cref="InlineDataset"/>.</summary>
public abstract record TrainingDataDescr
{
    private protected TrainingDataDescr() { }
}
