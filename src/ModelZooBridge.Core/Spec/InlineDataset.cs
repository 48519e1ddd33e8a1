namespace ModelZooBridge.Spec;

/// <summary><c>training_data</c> given as an inline dataset description, kept as a generic value.</summary>
/// <param name="Description">The dataset description mapping.</param>
public sealed record InlineDataset(SpecMap Description) : TrainingDataDescr;
