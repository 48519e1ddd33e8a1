using ModelZooBridge.Arrays;

namespace ModelZooBridge.Metrics;

/// <summary>Compares predictions with ground truth pixel by pixel (semantic segmentation), one image pair at a time.</summary>
/// <param name="ignoreValue">A truth value whose pixels are not counted (e.g. unlabelled regions); null counts every pixel.</param>
public sealed class SegmentationEvaluator(double? ignoreValue = null)
{
    /// <summary>The truth value whose pixels are not counted.</summary>
    public double? IgnoreValue { get; } = ignoreValue;

    /// <summary>The confusion matrix of one prediction against its truth (see <see cref="LabelImage"/> for the accepted forms).</summary>
    /// <exception cref="ArgumentException">When the shapes differ after the prediction's channels are reduced, or a value is not a label.</exception>
    public ConfusionMatrix Compare(NdArray prediction, NdArray truth)
    {
        var predicted = LabelImage.FromPrediction(prediction);
        var expected = LabelImage.FromTruth(truth, IgnoreValue);
        if (!predicted.Shape.SequenceEqual(expected.Shape))
            throw new ArgumentException($"shapes differ: prediction {predicted.Describe()}, truth {expected.Describe()}");
        var matrix = new ConfusionMatrix(2);
        matrix.Add(expected.Labels, predicted.Labels);
        return matrix;
    }
}
