using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>The outputs of one prediction, in the model's output order, with image axis names (<c>b</c>, <c>c</c>, <c>z</c>, <c>y</c>, <c>x</c>…).</summary>
/// <param name="OutputIds">The output tensor ids.</param>
/// <param name="Outputs">One array per output, postprocessed.</param>
/// <param name="Report">What ran and how long it took.</param>
public sealed record PredictionResult(IReadOnlyList<string> OutputIds, IReadOnlyList<NdArray> Outputs, PredictionReport Report)
{
    /// <summary>The first (for most segmentation models the only) output.</summary>
    public NdArray Output => Outputs[0];
}
