using ModelZooBridge.Arrays;
using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class BatchGeneratorTests
{
    private static readonly TrainingVolume[] Volumes =
    [
        SyntheticVolumes.WithSquare(1, 40, 48, squareStart: 10, squareSize: 6, seed: 1),
        SyntheticVolumes.WithSquare(1, 36, 36, squareStart: 20, squareSize: 4, seed: 2),
    ];

    private static BatchGenerator Generator(long seed, AugmentationOptions? augmentation = null, PatchSize? patch = null, IReadOnlyList<TrainingVolume>? volumes = null) =>
        new(volumes ?? Volumes, new SamplingOptions { Patch = patch ?? PatchSize.Planar(24, 24), BatchSize = 3, Seed = seed, Augmentation = augmentation ?? AugmentationOptions.Always }, [1]);

    [Fact]
    public void A_batch_depends_only_on_seed_epoch_and_step()
    {
        var first = Generator(11);
        var resumed = Generator(11);
        var batches = Enumerable.Range(0, 4).Select(step => first.Generate(2, step)).ToList();
        var again = resumed.Generate(2, 3);
        Assert.Equal(batches[3].Images, again.Images);
        Assert.Equal(batches[3].Classes, again.Classes);
        Assert.Equal(batches[3].Origins, again.Origins);
        Assert.NotEqual(batches[2].Images, batches[3].Images);
        Assert.NotEqual(Generator(12).Generate(2, 3).Images, again.Images);
        Assert.NotEqual(first.Generate(3, 3).Images, again.Images);
    }

    [Fact]
    public void Batches_have_the_torch_layouts_for_2d_and_3d_patches()
    {
        var planar = Generator(1).Generate(0, 0);
        Assert.Equal([3L, 1, 24, 24], planar.ImageShape);
        Assert.Equal([3L, 24, 24], planar.LabelShape);
        Assert.Equal(3 * 24 * 24, planar.Classes.Length);
        Assert.Null(planar.Weights);

        var volume = SyntheticVolumes.WithSquare(10, 20, 20, squareStart: 5, squareSize: 5, channels: 2);
        var threeD = Generator(1, patch: new PatchSize(8, 16, 16), volumes: [volume]).Generate(0, 0);
        Assert.Equal([3L, 2, 8, 16, 16], threeD.ImageShape);
        Assert.Equal([3L, 8, 16, 16], threeD.LabelShape);
        Assert.Equal(3 * 2 * 8 * 16 * 16, threeD.Images.Length);
    }

    [Fact]
    public void A_plain_crop_copies_the_volume_and_reflects_past_its_edge()
    {
        var volume = SyntheticVolumes.WithSquare(1, 6, 5, squareStart: 1, squareSize: 2);
        var batch = Generator(4, AugmentationOptions.None, PatchSize.Planar(8, 8), [volume]).Generate(0, 0);
        var origin = batch.Origins[0];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                int sy = Mirror(origin.Y + y, 6), sx = Mirror(origin.X + x, 5);
                Assert.Equal(volume.Image[sy * 5 + sx], batch.ImageOf(0)[y * 8 + x]);
                Assert.Equal(volume.Classes[sy * 5 + sx], batch.ClassesOf(0)[y * 8 + x]);
            }
        }
        Assert.InRange(origin.Y, -2, 0);
        Assert.InRange(origin.X, -3, 0);

        static int Mirror(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
    }

    [Fact]
    public void Elastic_and_affine_warps_keep_labels_in_the_label_set_and_images_in_range()
    {
        // Classes 0 and 2 only: linear interpolation of labels would invent class 1.
        var volume = SyntheticVolumes.WithSquare(1, 64, 64, squareStart: 20, squareSize: 20, foreground: 2, seed: 5);
        var weights = volume.Image.Select(v => 1 + MathF.Abs(v)).ToArray();
        var weighted = volume.WithWeights(weights);
        var spatialOnly = AugmentationOptions.Always with { BrightnessProbability = 0, ContrastProbability = 0, GammaProbability = 0, NoiseProbability = 0 };
        var generator = new BatchGenerator([weighted], new SamplingOptions { Patch = PatchSize.Planar(48, 48), BatchSize = 4, Seed = 9, Augmentation = spatialOnly }, [2]);
        var seen = new HashSet<long>();
        for (int step = 0; step < 5; step++)
        {
            var batch = generator.Generate(0, step);
            seen.UnionWith(batch.Classes);
            AssertWithin(batch.Images, volume.Image);
            AssertWithin(batch.Weights!, weights);
        }
        Assert.Equal([0L, 2], seen.Order());
        // The warp really moved pixels: a plain crop would reproduce volume values exactly.
        var stored = volume.Image.ToHashSet();
        Assert.Contains(generator.Generate(0, 0).Images, v => !stored.Contains(v));
    }

    [Fact]
    public void Three_d_warps_keep_labels_in_the_label_set()
    {
        var volume = SyntheticVolumes.WithSquare(12, 24, 24, squareStart: 8, squareSize: 8, foreground: 2, seed: 6);
        var generator = Generator(3, AugmentationOptions.Always with { NoiseProbability = 0, BrightnessProbability = 0, ContrastProbability = 0, GammaProbability = 0 }, new PatchSize(8, 16, 16), [volume]);
        var batch = generator.Generate(1, 1);
        Assert.Equal([0L, 2], batch.Classes.Distinct().Order());
        AssertWithin(batch.Images, volume.Image);
    }

    /// <summary>Interpolated values stay within the range of the values they come from.</summary>
    private static void AssertWithin(float[] values, float[] source)
    {
        Assert.InRange(values.Min(), source.Min() - 1e-5f, source.Max());
        Assert.InRange(values.Max(), source.Min(), source.Max() + 1e-5f);
    }

    [Fact]
    public void A_rotation_by_exactly_90_degrees_equals_the_dihedral_turn()
    {
        // Independent geometry check of the affine map: source = c + R(p − c) at +90° reads in(x, n−1−y).
        var volume = SyntheticVolumes.WithSquare(1, 40, 40, squareStart: 5, squareSize: 9, seed: 8);
        var quarterTurn = AugmentationOptions.None with { RotationProbability = 1, RotationDegrees = new ValueRange(90, 90) };
        var plain = Generator(2, AugmentationOptions.None, PatchSize.Planar(20, 20), [volume]).Generate(0, 0);
        var rotated = Generator(2, quarterTurn, PatchSize.Planar(20, 20), [volume]).Generate(0, 0);
        Assert.Equal(plain.Origins, rotated.Origins);
        var expectedImage = new float[plain.Images.Length];
        var expectedClasses = new long[plain.Classes.Length];
        var turn = new Dihedral(Transpose: true, FlipY: true, FlipX: false, FlipZ: false);
        PatchSymmetry.Apply<float>(turn, plain.Images, expectedImage, plain.Patch);
        PatchSymmetry.Apply<long>(turn, plain.Classes, expectedClasses, plain.Patch);
        Assert.Equal(expectedClasses, rotated.Classes);
        for (int i = 0; i < expectedImage.Length; i++) Assert.Equal(expectedImage[i], rotated.Images[i], 1e-5f);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.33)]
    [InlineData(0.8)]
    public void Foreground_oversampling_raises_the_share_of_foreground_centred_patches_as_configured(double fraction)
    {
        // 8x8 foreground square in a 128x128 image: a uniform 16x16 patch centre hits it with p = 64/113² ≈ 0.5%.
        var volume = SyntheticVolumes.WithSquare(1, 128, 128, squareStart: 60, squareSize: 8);
        var generator = new BatchGenerator([volume], new SamplingOptions
        {
            Patch = PatchSize.Planar(16, 16), BatchSize = 20, Seed = 21, ForegroundFraction = fraction, Augmentation = AugmentationOptions.None,
        }, [1]);
        int hits = 0, total = 0;
        for (int step = 0; step < 100; step++)
        {
            var batch = generator.Generate(0, step);
            for (int s = 0; s < batch.BatchSize; s++, total++) hits += (int)batch.ClassesOf(s)[8 * 16 + 8];
        }
        double expected = fraction + (1 - fraction) * 64.0 / (113 * 113);
        Assert.InRange(hits / (double)total, expected - 0.035, expected + 0.035);
    }

    [Fact]
    public void Minority_classes_are_all_but_the_most_frequent()
    {
        Assert.Equal([0], PatchSampler.MinorityClasses([220, 780]));
        Assert.Equal([0, 2], PatchSampler.MinorityClasses([10, 900, 90]));
    }

    [Fact]
    public void Intensity_augmentations_change_values_but_not_labels()
    {
        var intensityOnly = AugmentationOptions.None with { BrightnessProbability = 1, ContrastProbability = 1, GammaProbability = 1, NoiseProbability = 1 };
        var plain = Generator(5, AugmentationOptions.None).Generate(0, 0);
        var changed = Generator(5, intensityOnly).Generate(0, 0);
        Assert.Equal(plain.Classes, changed.Classes);
        Assert.Equal(plain.Origins, changed.Origins);
        Assert.NotEqual(plain.Images, changed.Images);
        Assert.All(changed.Images, v => Assert.True(float.IsFinite(v)));
    }
}
