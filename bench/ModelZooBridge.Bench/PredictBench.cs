using System.Diagnostics;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;

namespace ModelZooBridge.Bench;

/// <summary>
/// Prediction benchmark (bench/run.sh predict) on the reference U-Nets that unet_reference.py exported: the Predictor
/// against bare ORT runs of the same tiles, whole-image throughput against bare ORT on one tile, ORT against PyTorch
/// eager, and the host's start-up and time to first tile. Every comparison alternates its sides in one process.
/// </summary>
internal static class PredictBench
{
    public static int Run(string packages, string scratch, string host)
    {
        var settings = PredictSettings.FromEnvironment();
        string unet2d = Path.Combine(packages, "unet2d"), unet3d = Path.Combine(packages, "unet3d");
        Console.WriteLine($"prediction benchmark{(settings.Quick ? " (quick mode)" : "")}: {settings.Threads} intra-op thread(s), " +
                          $"{settings.Rounds} alternating rounds, medians; {Environment.ProcessorCount} CPUs");
        if (settings.Sections.Contains("overhead"))
        {
            Overhead("2D U-Net", unet2d, [settings.Image, settings.Image], "yx", settings);
            Overhead("3D U-Net", unet3d, settings.Volume, "zyx", settings);
        }
        double? firstTileEngine = settings.Sections.Contains("whole") ? WholeImage(unet2d, settings) : null;
        if (settings.Sections.Contains("engines"))
        {
            Engines("2D U-Net", "2d", unet2d, settings.Tile, 2, settings);
            Engines("3D U-Net", "3d", unet3d, settings.Cube, 3, settings);
        }
        if (settings.Sections.Contains("host")) Host(host, unet2d, scratch, firstTileEngine, settings);
        Console.WriteLine($"peak RSS of the benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
        return 0;
    }

    /// <summary>1. The Predictor on a whole image against bare ORT on the same tiles, cut beforehand.</summary>
    private static void Overhead(string label, string package, int[] shape, string axes, PredictSettings settings)
    {
        using var predictor = Predictor.Open(package, Options(settings, settings.BudgetMiB));
        using var bare = new BareOrt(Path.Combine(package, "weights.onnx"), settings.Threads);
        var image = Noise.Image(shape, axes);
        var plan = predictor.PlanFor(image);
        var tiles = Noise.Tiles(image, plan);
        WarmUp(predictor, plan, axes);
        bare.Run(plan.BlockShape, 1);
        var reports = new List<PredictionReport>();
        var seconds = Alternation.Run(settings.Rounds,
            () => Alternation.Time(() => reports.Add(predictor.Predict(image).Report)),
            () => bare.Run(plan.BlockShape, tiles));
        double ours = Alternation.Median(seconds[0]), theirs = Alternation.Median(seconds[1]);
        Console.WriteLine($"{label} {string.Join("x", shape)}, budget {settings.BudgetMiB} MiB: {tiles.Count} tiles of {Shape(plan.BlockShape)} " +
                          $"({plan.Mode}, halo {string.Join(",", plan.Halo.Select(h => h.Left))}, overlap {string.Join(",", plan.Overlap)})");
        Console.WriteLine($"  Predictor {ours,7:F2} s   bare ORT, same tiles {theirs,7:F2} s   overhead {100 * (Alternation.MedianRatio(seconds[0], seconds[1]) - 1),5:F1}% (goal <= 5%)");
        double engine = Median(reports, r => r.Inference);
        Console.WriteLine($"  inside the Predictor: engine {engine:F2} s, preprocessing {Median(reports, r => r.Preprocessing):F2} s, " +
                          $"extract+merge {Median(reports, r => r.Merge):F2} s, postprocessing {Median(reports, r => r.Postprocessing):F2} s; " +
                          $"outside the engine {100 * (ours - engine) / theirs:F1}% of bare");
    }

    /// <summary>
    /// 2. Whole-image throughput with the Predictor's own tiles (default budget and a larger one) against bare ORT on one
    /// reference tile, and on one tile of each chosen shape. Returns the bare seconds of one default-budget tile.
    /// </summary>
    private static double WholeImage(string package, PredictSettings settings)
    {
        using var byDefault = Predictor.Open(package, Options(settings, null));
        using var large = Predictor.Open(package, Options(settings, settings.LargeBudgetMiB));
        using var bare = new BareOrt(Path.Combine(package, "weights.onnx"), settings.Threads);
        var image = Noise.Image([settings.Whole, settings.Whole], "yx");
        int[] tile = [1, 1, settings.Tile, settings.Tile];
        var defaultPlan = byDefault.PlanFor(image);
        var largePlan = large.PlanFor(image);
        WarmUp(byDefault, defaultPlan, "yx");
        WarmUp(large, largePlan, "yx");
        bare.Run(tile, 1);
        var seconds = Alternation.Run(settings.Rounds,
            () => bare.Run(tile, 1),
            () => Alternation.Time(() => byDefault.Predict(image)),
            () => Alternation.Time(() => large.Predict(image)),
            () => bare.Run(defaultPlan.BlockShape, 1),
            () => bare.Run(largePlan.BlockShape, 1));
        double imageMpx = (double)settings.Whole * settings.Whole / 1e6, tileMpx = (double)settings.Tile * settings.Tile / 1e6;
        double tileRate = tileMpx / Alternation.Median(seconds[0]);
        Console.WriteLine($"whole image {settings.Whole}x{settings.Whole} (2D U-Net), Mpx/s; bare ORT on one {settings.Tile}x{settings.Tile} tile: {tileRate:F3}");
        void Row(string budget, BlockPlan plan, double[] predicted, double[] ownTile)
        {
            double rate = imageMpx / Alternation.Median(predicted);
            double ownMpx = plan.BlockShape[^1] * (double)plan.BlockShape[^2] / 1e6;
            double ratio = Alternation.Median(predicted.Zip(seconds[0], (p, t) => imageMpx / p / (tileMpx / t)));
            double ownRatio = Alternation.Median(predicted.Zip(ownTile, (p, t) => imageMpx / p / (ownMpx / t)));
            Console.WriteLine($"  Predictor, {budget,-22} {plan.BlockCount([1, 1, settings.Whole, settings.Whole]),3} x {Shape(plan.BlockShape),-14} {rate,6:F3} Mpx/s  " +
                              $"ratio {ratio:F2} (goal >= 0.9; naive 512^2 tiling 0.64)  vs bare ORT on its own tile shape {ownRatio:F2}");
        }
        Row($"default budget {new PredictorOptions().MemoryBudgetBytes >> 20} MiB", defaultPlan, seconds[1], seconds[3]);
        Row($"budget {settings.LargeBudgetMiB} MiB", largePlan, seconds[2], seconds[4]);
        return Alternation.Median(seconds[3]);
    }

    /// <summary>3. ORT through our binding against PyTorch eager (no_grad) on the same network, tile and thread count.</summary>
    private static void Engines(string label, string network, string package, int size, int rank, PredictSettings settings)
    {
        using var bare = new BareOrt(Path.Combine(package, "weights.onnx"), settings.Threads);
        using var torch = new TorchServer(network, settings.Threads, size);
        int[] tile = [1, 1, .. Enumerable.Repeat(size, rank)];
        bare.Run(tile, 1);
        var seconds = Alternation.Run(Math.Max(settings.Rounds, 5), () => bare.Run(tile, 1), torch.Run);
        double voxels = Math.Pow(size, rank) / 1e6;
        Console.WriteLine($"{label} tile {string.Join("x", tile[2..])}: ORT {voxels / Alternation.Median(seconds[0]),6:F3} Mvox/s, " +
                          $"PyTorch eager {voxels / Alternation.Median(seconds[1]),6:F3} Mvox/s, ORT/PyTorch speed {Alternation.MedianRatio(seconds[1], seconds[0]):F2}x");
    }

    /// <summary>4. The published host: <c>mzb --version</c> wall time, and <c>mzb predict --json</c>'s time to its first finished block.</summary>
    private static void Host(string host, string package, string scratch, double? firstTileEngine, PredictSettings settings)
    {
        if (!File.Exists(host))
        {
            Console.WriteLine($"host: {host} not found, start-up not measured");
            return;
        }
        var version = Enumerable.Range(0, 5).Select(_ => Alternation.Time(() => RunHost(host, ["--version"]))).ToArray();
        string input = Path.Combine(scratch, "whole.tif"), output = Path.Combine(scratch, "whole-logits.tif");
        ImageFiles.Write(input, Noise.Image([settings.Whole, settings.Whole], "yx"));
        var first = new List<double?>();
        var walls = new List<double>();
        string tiles = "";
        for (int r = 0; r < settings.Rounds; r++)
        {
            string json = "";
            walls.Add(Alternation.Time(() => json = RunHost(host,
                ["predict", "--model", package, "--input", input, "--output", output, "--device", "cpu", "--threads", $"{settings.Threads}", "--json"])));
            var report = JsonDocument.Parse(json).RootElement;
            // A host from before first_block_seconds existed still gives its start-up and wall time.
            first.Add(report.TryGetProperty("first_block_seconds", out var seconds) ? seconds.GetDouble() : null);
            tiles = $"{report.GetProperty("tiles").GetInt32()} x {Shape(report.GetProperty("tile_shape").EnumerateArray().Select(e => e.GetInt32()))}";
        }
        File.Delete(output);
        Console.WriteLine($"host {host}: `mzb --version` {1000 * Alternation.Median(version):F0} ms (median of 5)");
        string firstBlock = first.Contains(null) ? "first_block_seconds not reported" : $"first block done {Alternation.Median(first.Select(f => f!.Value)):F2} s after process start";
        if (!first.Contains(null) && firstTileEngine is double engine)
            firstBlock += $" (bare ORT on one such tile {engine:F2} s, so {Alternation.Median(first.Select(f => f!.Value)) - engine:F2} s before the engine)";
        Console.WriteLine($"  `mzb predict` {settings.Whole}x{settings.Whole} float32 TIFF ({tiles}): {firstBlock}; whole command {Alternation.Median(walls):F2} s");
    }

    private static string RunHost(string host, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(host, arguments) { RedirectStandardOutput = true })!;
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{host} {string.Join(" ", arguments)} exited with {process.ExitCode}");
        return stdout;
    }

    private static PredictorOptions Options(PredictSettings settings, long? budgetMiB)
    {
        var options = new PredictorOptions { Device = DeviceRequest.Parse("cpu"), IntraOpThreads = settings.Threads, InterOpThreads = 1 };
        return budgetMiB is long mib ? options with { MemoryBudgetBytes = mib << 20 } : options;
    }

    /// <summary>One block of the plan's shape through the predictor, so the engine's first-run allocations are off the clock.</summary>
    private static void WarmUp(Predictor predictor, BlockPlan plan, string axes)
    {
        int rank = axes.Length;
        var inner = Enumerable.Range(plan.BlockShape.Length - rank, rank).Select(d => plan.BlockShape[d] - plan.Halo[d].Total).ToArray();
        predictor.PredictWhole(Noise.Image(inner, axes));
    }

    private static double Median(IEnumerable<PredictionReport> reports, Func<PredictionReport, TimeSpan> part) =>
        Alternation.Median(reports.Select(r => part(r).TotalSeconds));

    private static string Shape(IEnumerable<int> blockShape) => string.Join("x", blockShape.Skip(2));
}
