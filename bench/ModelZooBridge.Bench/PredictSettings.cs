using System.Globalization;

namespace ModelZooBridge.Bench;

/// <summary>
/// Sizes and repeats of the prediction benchmark, from the environment (bench/README.md lists the variables);
/// <c>MZB_BENCH_QUICK=1</c> swaps the defaults for small ones that finish in a few minutes.
/// </summary>
/// <param name="Sections">Which parts run (<c>MZB_BENCH_SECTIONS</c>: overhead, whole, engines, host; default all).</param>
/// <param name="Threads">ORT intra-op threads, the same for every side (and torch).</param>
/// <param name="Rounds">Alternating rounds per comparison; figures are medians over them.</param>
/// <param name="Image">Side of the 2D image for the overhead comparison.</param>
/// <param name="Volume">Z, Y, X of the 3D volume for the overhead comparison.</param>
/// <param name="BudgetMiB">Memory budget of the Predictor in the overhead comparison (sets its tile shape).</param>
/// <param name="Whole">Side of the 2D image for whole-image throughput and time to first tile.</param>
/// <param name="LargeBudgetMiB">The larger memory budget for the whole-image throughput.</param>
/// <param name="Tile">Side of the 2D tile for the engine comparisons (bare ORT throughput, torch).</param>
/// <param name="Cube">Side of the 3D tile for the ORT/torch comparison.</param>
internal sealed record PredictSettings(bool Quick, string[] Sections, int Threads, int Rounds, int Image, int[] Volume, long BudgetMiB, int Whole, long LargeBudgetMiB, int Tile, int Cube)
{
    public static PredictSettings FromEnvironment()
    {
        bool quick = Environment.GetEnvironmentVariable("MZB_BENCH_QUICK") == "1";
        return new PredictSettings(
            quick,
            (Environment.GetEnvironmentVariable("MZB_BENCH_SECTIONS") ?? "overhead,whole,engines,host").Split(','),
            Int("MZB_BENCH_THREADS", 1),
            Int("MZB_BENCH_ROUNDS", 3),
            Int("MZB_BENCH_IMAGE", quick ? 1024 : 4096),
            [.. (Environment.GetEnvironmentVariable("MZB_BENCH_VOLUME") ?? (quick ? "32x128x128" : "128x512x512"))
                .Split('x').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            Int("MZB_BENCH_BUDGET_MIB", quick ? 256 : 1024),
            Int("MZB_BENCH_WHOLE", quick ? 1024 : 2048),
            Int("MZB_BENCH_LARGE_MIB", 2048),
            Int("MZB_BENCH_TILE", quick ? 256 : 512),
            Int("MZB_BENCH_CUBE", quick ? 32 : 64));
    }

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
