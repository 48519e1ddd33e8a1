using ModelZooBridge.Arrays;
using ModelZooBridge.Torch;

namespace ModelZooBridge.Tests;

/// <summary>Autograd through the shim agrees with central finite differences computed through the same shim (float64).</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class GradientCheckTests
{
    [Fact]
    public void ConvolutionWithCrossEntropyGradientMatchesFiniteDifferences()
    {
        var random = new Random(3);
        double[] x = Enumerable.Range(0, 2 * 2 * 5 * 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] w = Enumerable.Range(0, 3 * 2 * 3 * 3).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] b = [0.1, -0.2, 0.05];
        long[] labels = Enumerable.Range(0, 2 * 5 * 5).Select(i => i % 7 == 0 ? Losses.DefaultIgnoreIndex : (long)random.Next(3)).ToArray();
        double[] pixelWeights = Enumerable.Range(0, 2 * 5 * 5).Select(_ => 0.5 + random.NextDouble()).ToArray();

        using var input = Tensor.FromArray<double>(x, [2, 2, 5, 5]);
        using var target = Tensor.FromArray<long>(labels, [2, 5, 5]);
        using var weightMap = Tensor.FromArray<double>(pixelWeights, [2, 5, 5]);
        using var bias = Tensor.FromArray<double>(b, [3]);
        double Loss(double[] weights, bool backward, out double[] gradient)
        {
            using var scope = TorchRuntime.NewScope();
            var weight = Tensor.FromArray<double>(weights, [3, 2, 3, 3]);
            weight.RequiresGrad = true;
            var logits = Functional.Convolution(input, weight, bias, [1, 1], [1, 1], [1, 1]);
            var loss = Losses.CrossEntropy(logits, target, weightMap);
            gradient = [];
            if (backward)
            {
                loss.Backward();
                gradient = weight.Grad!.ToArray<double>();
            }
            return loss.Item();
        }

        Loss(w, backward: true, out var analytic);
        const double step = 1e-6;
        double worst = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var plus = (double[])w.Clone();
            var minus = (double[])w.Clone();
            plus[i] += step;
            minus[i] -= step;
            double numeric = (Loss(plus, false, out _) - Loss(minus, false, out _)) / (2 * step);
            worst = Math.Max(worst, Math.Abs(numeric - analytic[i]));
        }
        Assert.InRange(worst, 0, 1e-8);
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3); // the check is not vacuous
    }

    [Fact]
    public void GradIsNullBeforeBackwardAndAfterZeroGrad()
    {
        using var w = Tensor.FromArray<double>([1, 2], [2]);
        w.RequiresGrad = true;
        Assert.Null(w.Grad);
        using (var scope = TorchRuntime.NewScope())
            Functional.Sum(w * w).Backward();
        using (var grad = w.Grad)
            Assert.Equal([2.0, 4.0], grad!.ToArray<double>());
        w.ZeroGrad();
        Assert.Null(w.Grad);
        Assert.Equal(DType.Float64, w.DType);
    }
}
