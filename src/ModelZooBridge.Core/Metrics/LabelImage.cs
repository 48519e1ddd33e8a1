using System.Collections.Immutable;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Metrics;

/// <summary>
/// Class labels per pixel (−1 marks a pixel to ignore), made from a ground-truth image or from a prediction in any
/// of the forms a segmentation model writes. Axes of size 1 are dropped, so a <c>1×1×H×W</c> NPY and an
/// <c>H×W</c> TIFF of the same image compare.
/// </summary>
public sealed class LabelImage
{
    private LabelImage(int[] labels, ImmutableArray<int> shape, ImmutableArray<AxisId> axes)
    {
        Labels = labels;
        Shape = shape;
        Axes = axes;
    }

    /// <summary>One label per pixel in row-major order of <see cref="Shape"/>; −1 = ignored.</summary>
    public int[] Labels { get; }

    /// <summary>The spatial shape.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The axes of <see cref="Shape"/>.</summary>
    public ImmutableArray<AxisId> Axes { get; }

    /// <summary>The shape as text, e.g. <c>512×512 (yx)</c>, for messages.</summary>
    public string Describe() => $"{string.Join("×", Shape)} ({AxisId.Format(Axes)})";

    /// <summary>
    /// Reads a ground-truth label image: integer class labels (integral floats allowed). A binary mask stored as
    /// 0/255 counts as classes 0 and 1. Pixels equal to <paramref name="ignoreValue"/> (compared before the 0/255
    /// mapping) are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">When the image has channels, fractional or negative values.</exception>
    public static LabelImage FromTruth(NdArray truth, double? ignoreValue = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var squeezed = truth.Squeeze(AxisId.Y, AxisId.X);
        if (squeezed.IndexOf(AxisId.Channel) >= 0)
            throw new ArgumentException($"the truth has a channel axis of size {squeezed.SizeOf(AxisId.Channel)}; expected one label per pixel");
        return FromIntegralValues(squeezed, ignoreValue, "truth");
    }

    /// <summary>
    /// Reads a prediction: with a channel axis of size &gt; 1, the class of a pixel is the channel with the highest
    /// value (probabilities or logits); a single-channel map with fractional values is a foreground probability,
    /// class 1 where it is ≥ 0.5; otherwise the values are class labels as for <see cref="FromTruth"/>
    /// (0/255 masks included).
    /// </summary>
    public static LabelImage FromPrediction(NdArray prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var squeezed = prediction.Squeeze(AxisId.Y, AxisId.X);
        if (squeezed.IndexOf(AxisId.Channel) >= 0) return ArgmaxOverChannels(squeezed.ToFloat32());
        var values = squeezed.ConvertTo(DType.Float64).As<double>();
        if (!AllIntegral(values.Span)) return Thresholded(values);
        return FromIntegralValues(squeezed, null, "prediction");
    }

    private static LabelImage FromIntegralValues(NdArray image, double? ignoreValue, string role)
    {
        var values = image.ConvertTo(DType.Float64).As<double>().Span;
        var labels = new int[values.Length];
        bool onlyZeroAnd255 = true;
        bool any255 = false;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (ignoreValue is double ignore && v == ignore)
            {
                labels[i] = -1;
                continue;
            }
            if (v != Math.Floor(v) || v < 0)
                throw new ArgumentException($"the {role} holds the value {v}, not a class label (a non-negative integer)");
            if (v >= ConfusionMatrix.MaxClasses)
                throw new ArgumentException($"the {role} holds the label {v}, beyond the {ConfusionMatrix.MaxClasses} classes a semantic segmentation may have (an instance label image?)");
            labels[i] = (int)v;
            any255 |= labels[i] == 255;
            onlyZeroAnd255 &= labels[i] is 0 or 255;
        }
        // A binary mask saved by ImageJ is 0/255: that is classes 0 and 1, not 256 classes.
        if (onlyZeroAnd255 && any255)
        {
            foreach (ref int label in labels.AsSpan()) if (label == 255) label = 1;
        }
        return new LabelImage(labels, image.Shape, image.Axes);
    }

    private static LabelImage Thresholded(NdArray<double> probability)
    {
        var values = probability.Span;
        var labels = new int[values.Length];
        for (int i = 0; i < values.Length; i++) labels[i] = values[i] >= 0.5 ? 1 : 0;
        return new LabelImage(labels, probability.Shape, probability.Axes);
    }

    /// <summary>Argmax over the channel axis, one channel plane at a time (first channel wins ties, as numpy's argmax).</summary>
    private static LabelImage ArgmaxOverChannels(NdArray<float> scores)
    {
        int c = scores.IndexOf(AxisId.Channel);
        int channels = scores.Shape[c];
        int outer = 1, inner = 1;
        for (int i = 0; i < c; i++) outer *= scores.Shape[i];
        for (int i = c + 1; i < scores.Rank; i++) inner *= scores.Shape[i];
        var data = scores.Span;
        var labels = new int[outer * inner];
        var best = new float[inner];
        for (int o = 0; o < outer; o++)
        {
            var labelRow = labels.AsSpan(o * inner, inner);
            data.Slice(o * channels * inner, inner).CopyTo(best);
            labelRow.Clear();
            for (int k = 1; k < channels; k++)
            {
                var plane = data.Slice((o * channels + k) * inner, inner);
                for (int i = 0; i < inner; i++)
                {
                    if (plane[i] > best[i])
                    {
                        best[i] = plane[i];
                        labelRow[i] = k;
                    }
                }
            }
        }
        return new LabelImage(labels, scores.Shape.RemoveAt(c), scores.Axes.RemoveAt(c));
    }

    private static bool AllIntegral(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (v != Math.Floor(v)) return false;
        return true;
    }
}
