using System.Diagnostics;

namespace ModelZooBridge.Bench;

/// <summary>
/// Times several sides of a comparison in rounds, each round running every side once and the order reversed every
/// other round, so slow drifts of a shared machine's load fall on all sides alike; results are medians.
/// </summary>
internal static class Alternation
{
    /// <summary>Seconds per side (outer index) and round (inner index).</summary>
    public static double[][] Run(int rounds, params Func<double>[] sides)
    {
        var seconds = sides.Select(_ => new double[rounds]).ToArray();
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < sides.Length; i++)
            {
                int side = r % 2 == 0 ? i : sides.Length - 1 - i;
                // The previous side's garbage must not be collected on this side's clock.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                seconds[side][r] = sides[side]();
            }
        }
        return seconds;
    }

    /// <summary>Wall seconds of <paramref name="action"/>.</summary>
    public static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The median over rounds of <paramref name="a"/>[r] / <paramref name="b"/>[r]: paired, so a round's load cancels.</summary>
    public static double MedianRatio(double[] a, double[] b) => Median(a.Zip(b, (x, y) => x / y));
}
