using System.Numerics.Tensors;

namespace ModelZooBridge.Torch.Data;

/// <summary>Random brightness, contrast, gamma and Gaussian noise on one sample's image values, in place.</summary>
internal static class IntensityAugmentation
{
    public static void Apply(Span<float> image, SeededRandom random, AugmentationOptions options)
    {
        if (random.Chance(options.BrightnessProbability)) TensorPrimitives.Add(image, (float)options.Brightness.Draw(random), image);
        if (random.Chance(options.ContrastProbability))
        {
            float factor = (float)options.Contrast.Draw(random);
            float mean = TensorPrimitives.Sum(image) / image.Length;
            // (v − mean)·factor + mean = v·factor + mean·(1 − factor)
            TensorPrimitives.Multiply(image, factor, image);
            TensorPrimitives.Add(image, mean * (1 - factor), image);
        }
        if (random.Chance(options.GammaProbability)) ApplyGamma(image, (float)options.Gamma.Draw(random));
        if (random.Chance(options.NoiseProbability))
        {
            double sigma = options.NoiseSigma.Draw(random);
            for (int i = 0; i < image.Length; i++) image[i] += (float)(sigma * random.NextGaussian());
        }
    }

    /// <summary>v ↦ min + range·((v − min)/range)^γ, so the patch's minimum and maximum stay where they are.</summary>
    private static void ApplyGamma(Span<float> image, float gamma)
    {
        float min = TensorPrimitives.Min(image), range = TensorPrimitives.Max(image) - min;
        if (!(range > 0)) return;
        TensorPrimitives.Subtract(image, min, image);
        TensorPrimitives.Multiply(image, 1 / range, image);
        TensorPrimitives.Max(image, 0f, image);
        TensorPrimitives.Pow(image, gamma, image);
        TensorPrimitives.Multiply(image, range, image);
        TensorPrimitives.Add(image, min, image);
    }
}
