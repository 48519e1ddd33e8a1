using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class ValidationSplitTests
{
    private static readonly TrainingVolume[] TwentyFive = Enumerable.Range(0, 25).Select(i => SyntheticVolumes.WithSquare(1, 4, 4, 1, 2, seed: i)).ToArray();

    private static string[] Names(IEnumerable<TrainingVolume> volumes) => volumes.Select(v => v.Name).ToArray();

    [Fact]
    public void The_image_split_is_deterministic_for_a_seed_and_keeps_order()
    {
        var first = ValidationSplit.ByFraction(TwentyFive, 0.2, seed: 42);
        var again = ValidationSplit.ByFraction(TwentyFive, 0.2, seed: 42);
        var other = ValidationSplit.ByFraction(TwentyFive, 0.2, seed: 43);
        Assert.Equal(5, first.Validation.Count);
        Assert.Equal(20, first.Training.Count);
        Assert.Equal(Names(first.Validation), Names(again.Validation));
        Assert.NotEqual(Names(first.Validation), Names(other.Validation));
        Assert.Empty(Names(first.Training).Intersect(Names(first.Validation)));
        Assert.Equal(Names(TwentyFive).Where(Names(first.Training).Contains), Names(first.Training));
        Assert.Contains("5 of 25 images chosen with seed 42", first.Description);
    }

    [Fact]
    public void A_single_2d_image_is_split_by_its_last_rows_and_says_so()
    {
        var image = SyntheticVolumes.WithSquare(1, 10, 6, 2, 3);
        var split = ValidationSplit.ByFraction([image], 0.3, seed: 0);
        Assert.Equal((7, 3), (split.Training[0].Height, split.Validation[0].Height));
        Assert.Equal(image.Image.AsSpan(7 * 6, 3 * 6).ToArray(), split.Validation[0].Image);
        Assert.Equal(image.Classes.AsSpan(0, 7 * 6).ToArray(), split.Training[0].Classes);
        Assert.Contains("only one image, so its last 3 of 10 rows", split.Description);
    }

    [Fact]
    public void No_fraction_means_no_validation_and_bad_fractions_are_rejected()
    {
        Assert.Empty(ValidationSplit.ByFraction(TwentyFive, 0, 1).Validation);
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationSplit.ByFraction(TwentyFive, 1, 1));
        Assert.Single(ValidationSplit.ByFraction(TwentyFive, 0.001, 1).Validation);
    }
}
