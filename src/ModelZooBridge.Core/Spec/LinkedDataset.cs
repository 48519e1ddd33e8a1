namespace ModelZooBridge.Spec;

/// <summary><c>training_data: {id, version}</c>, a link to a bioimage.io dataset (0.4: <c>version_number</c>).</summary>
/// <param name="Id"><c>id</c>, e.g. <c>ilastik/covid_if_training_data</c>.</param>
/// <param name="Version"><c>version</c>, as written (text).</param>
public sealed record LinkedDataset(string Id, string? Version = null) : TrainingDataDescr;
