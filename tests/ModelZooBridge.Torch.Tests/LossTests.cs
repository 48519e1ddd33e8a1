using ModelZooBridge.Torch;

namespace ModelZooBridge.Tests;

/// <summary>Losses and operators against torch.nn.functional on the same inputs.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class LossTests
{
    private static readonly long[] LogitShape = [2, 3, 4, 5];
    private static readonly long[] TargetShape = [2, 4, 5];
    private static readonly float[] LogitValues = Values(2 * 3 * 4 * 5, seed: 1, scale: 3);
    private static readonly long[] Labels = Enumerable.Range(0, 2 * 4 * 5).Select(i => i % 6 == 0 ? 255L : i * 7 % 3).ToArray();
    private static readonly float[] PixelWeights = Values(2 * 4 * 5, seed: 2, scale: 1).Select(v => v + 1.5f).ToArray();
    private static readonly float[] ClassWeights = [0.2f, 1.0f, 3.0f];

    // One Python run computes every expected value (starting torch costs seconds): [0] cross-entropy with class weights,
    // [1] with pixel weights too, [2] soft Dice, [3..] the operators of ActivationsPoolingUpsamplingAndArgmaxMatchTorch.
    private static readonly Lazy<double[]> Expected = new(() => PythonTorch.Run("""
        F = torch.nn.functional
        ce = F.cross_entropy(x, t, weight=cw, ignore_index=255)
        nll = F.cross_entropy(x, t, weight=cw, ignore_index=255, reduction='none')
        valid = t != 255
        safe = torch.where(valid, t, torch.zeros_like(t))
        pixel_ce = (nll * pw).sum() / (pw * cw[safe] * valid).sum()
        mask = valid.unsqueeze(1).float()
        p = torch.softmax(x, 1) * mask
        onehot = F.one_hot(safe, 3).permute(0, 3, 1, 2).float() * mask
        dice = 1 - ((2 * (p * onehot).sum((0, 2, 3)) + 1) / (p.sum((0, 2, 3)) + onehot.sum((0, 2, 3)) + 1)).mean()
        ops = [F.leaky_relu(x, 0.2), torch.sigmoid(x), torch.softmax(x, 1), torch.log_softmax(x, 1),
               F.max_pool2d(x, (2, 1), (2, 1)), F.interpolate(x, scale_factor=2, mode='nearest'),
               F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False), x.argmax(1).float(), x.mean().reshape(1)]
        out = torch.cat([ce.reshape(1), pixel_ce.reshape(1), dice.reshape(1)] + [o.flatten() for o in ops])
        """, ("x", LogitValues, LogitShape), ("t", Labels, TargetShape), ("pw", PixelWeights, TargetShape), ("cw", ClassWeights, [3])));

    [Fact]
    public void CrossEntropyWithClassWeightsAndIgnoreLabelMatchesTorch()
    {
        using var logits = Tensor.FromArray<float>(LogitValues, LogitShape);
        using var target = Tensor.FromArray<long>(Labels, TargetShape);
        using var classes = Tensor.FromArray<float>(ClassWeights, [3]);
        using var loss = Losses.CrossEntropy(logits, target, classWeight: classes, ignoreIndex: 255);
        Assert.InRange(Math.Abs(loss.Item() - Expected.Value[0]), 0, 1e-6);
    }

    [Fact]
    public void CrossEntropyWithPixelWeightsIsTheirWeightedMeanOverLabelledPixels()
    {
        using var logits = Tensor.FromArray<float>(LogitValues, LogitShape);
        using var target = Tensor.FromArray<long>(Labels, TargetShape);
        using var pixels = Tensor.FromArray<float>(PixelWeights, TargetShape);
        using var classes = Tensor.FromArray<float>(ClassWeights, [3]);
        using var loss = Losses.CrossEntropy(logits, target, pixels, classes, ignoreIndex: 255);
        Assert.InRange(Math.Abs(loss.Item() - Expected.Value[1]), 0, 1e-6);
    }

    [Fact]
    public void SoftDiceMatchesItsDefinitionInTorch()
    {
        using var logits = Tensor.FromArray<float>(LogitValues, LogitShape);
        using var target = Tensor.FromArray<long>(Labels, TargetShape);
        using var loss = Losses.SoftDice(logits, target, ignoreIndex: 255, smooth: 1);
        Assert.InRange(Math.Abs(loss.Item() - Expected.Value[2]), 0, 1e-6);
    }

    [Fact]
    public void ActivationsPoolingUpsamplingAndArgmaxMatchTorch()
    {
        using var x = Tensor.FromArray<float>(LogitValues, LogitShape);
        using var scope = TorchRuntime.NewScope();
        var ours = new[]
        {
            Functional.LeakyRelu(x, 0.2), Functional.Sigmoid(x), Functional.Softmax(x, 1), Functional.LogSoftmax(x, 1),
            Functional.MaxPool(x, [2, 1], [2, 1], [0, 0]), Functional.Upsample(x, [2, 2], UpsampleMode.Nearest),
            Functional.Upsample(x, [2, 2], UpsampleMode.Linear), Functional.Argmax(x, 1).To(Arrays.DType.Float32),
            Functional.Mean(x).Reshape(1),
        };
        var actual = ours.SelectMany(t => t.ToArray<float>()).ToArray();
        var expected = Expected.Value.AsSpan(3);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.InRange(Math.Abs(actual[i] - expected[i]), 0, 1e-6);
    }

    [Fact]
    public void DropoutDropsOnlyWhenTraining()
    {
        using var x = Tensor.Ones([1000]);
        using var training = Functional.Dropout(x, 0.5, training: true);
        var kept = training.ToArray<float>();
        Assert.All(kept, v => Assert.True(v == 0 || v == 2));
        Assert.InRange(kept.Count(v => v == 0), 400, 600);
        using var evaluation = Functional.Dropout(x, 0.5, training: false);
        Assert.All(evaluation.ToArray<float>(), v => Assert.Equal(1f, v));
    }

    private static float[] Values(int count, int seed, float scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }
}
