using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// A prediction before postprocessing: the sample holds the preprocessed input and the merged raw outputs by tensor id
/// (what postprocessing reads); the report has no postprocessing time yet.
/// </summary>
/// <param name="Sample">Tensors by id: the preprocessed input and every merged output, with described axis ids.</param>
/// <param name="Report">What ran so far.</param>
internal sealed record RawPrediction(Dictionary<string, NdArray> Sample, PredictionReport Report);
