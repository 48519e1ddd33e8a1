using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class SeededRandomTests
{
    [Fact]
    public void Equal_keys_give_equal_sequences_and_any_key_changes_them()
    {
        ulong[] Draw(params long[] keys)
        {
            var random = new SeededRandom(keys);
            return Enumerable.Range(0, 8).Select(_ => random.NextBits()).ToArray();
        }
        Assert.Equal(Draw(1, 2, 3), Draw(1, 2, 3));
        Assert.NotEqual(Draw(1, 2, 3), Draw(1, 2, 4));
        Assert.NotEqual(Draw(1, 2, 3), Draw(1, 3, 2));
        var reseeded = new SeededRandom(9);
        reseeded.NextGaussian();
        reseeded.Reseed(1, 2, 3);
        Assert.Equal(Draw(1, 2, 3), Enumerable.Range(0, 8).Select(_ => reseeded.NextBits()).ToArray());
    }

    [Fact]
    public void Draws_have_the_stated_distributions()
    {
        var random = new SeededRandom(7);
        const int n = 200_000;
        var counts = new int[5];
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            counts[random.NextInt(5)]++;
            double g = random.NextGaussian();
            sum += g;
            squares += g * g;
        }
        Assert.All(counts, c => Assert.InRange(c, n / 5 - 1000, n / 5 + 1000));
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(squares / n, 0.98, 1.02);
        Assert.False(new SeededRandom(1).Chance(0));
        Assert.True(new SeededRandom(1).Chance(1));
    }
}
