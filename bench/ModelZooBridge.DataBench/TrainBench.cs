using System.Globalization;
using ModelZooBridge.Bench;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;
using ModelZooBridge.Torch.Training;

namespace ModelZooBridge.DataBench;

/// <summary>
/// Training benchmark (bench/run.sh train): 1. one training step of the reference U-Nets through our stack
/// (<see cref="TrainingStep"/>, what the Trainer runs) against PyTorch eager on the same network, batch and thread
/// count (<c>unet_reference.py train</c>), alternating step by step; 2. the real <see cref="Trainer"/> on the ISBI
/// sample for a few steps with default augmentation, and the data-wait share of its epoch.
/// </summary>
internal static class TrainBench
{
    public static async Task<int> RunAsync(string samples, string scratch)
    {
        bool quick = Environment.GetEnvironmentVariable("MZB_BENCH_QUICK") == "1";
        int threads = Int("MZB_BENCH_THREADS", 1);
        int rounds = Int("MZB_BENCH_ROUNDS", quick ? 3 : 9);
        var sections = (Environment.GetEnvironmentVariable("MZB_BENCH_SECTIONS") ?? "2d,3d,trainer").Split(',');
        TorchRuntime.NumThreads = threads;
        Console.WriteLine($"training benchmark{(quick ? " (quick mode)" : "")}: {threads} intra-op thread(s), {rounds} alternating rounds, " +
                          $"medians; {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");
        if (sections.Contains("2d")) Steps("2D U-Net 32-64-128-256", "2d", UNet.Create2D(new UNetConfig()), 4, PatchSize.Planar(256, 256), threads, rounds);
        if (sections.Contains("3d"))
        {
            int cube = Int("MZB_BENCH_CUBE", 64);
            Steps("3D U-Net 16-32-64", "3d", UNet.Create3D(new UNetConfig(Depth: 2, FirstLevelFilters: 16)), 2, new PatchSize(cube, cube, cube), threads, rounds);
        }
        if (sections.Contains("trainer")) await DataWaitAsync(samples, scratch, threads, Int("MZB_BENCH_STEPS", quick ? 4 : 10));
        Console.WriteLine($"load average at the end {LoadAverage()}");
        return 0;
    }

    /// <summary>1. Our training step against PyTorch eager's, alternating; both on a fixed batch of noise with random classes.</summary>
    private static void Steps(string label, string network, UNet model, int batchSize, PatchSize patch, int threads, int rounds)
    {
        using (model)
        {
            var batch = new TrainingBatch(0, 0, batchSize, 1, patch, weighted: false);
            var random = new Random(20261122);
            foreach (ref var value in batch.Images.AsSpan()) value = (float)random.NextDouble() * 2 - 1;
            foreach (ref var value in batch.Classes.AsSpan()) value = random.Next(2);
            model.Train();
            using var optimizer = new Adam(model.TrainableParameters(), 1e-3);
            string size = patch.Is2D ? $"{patch.Width}" : $"{patch.Depth}";
            using var torch = new TorchServer(threads, "train", $"{threads}", network, $"{batchSize}", size);
            TrainingStep.Run(model, optimizer, batch, TrainingLoss.CrossEntropy);
            var seconds = Alternation.Run(rounds,
                () => Alternation.Time(() => TrainingStep.Run(model, optimizer, batch, TrainingLoss.CrossEntropy)),
                torch.Run);
            string shape = string.Join("x", batch.ImageShape.Skip(2));
            Console.WriteLine($"{label}, {model.ParameterCount():N0} parameters, " +
                              $"batch {batchSize}x{shape}, Adam, cross-entropy:");
            Console.WriteLine($"  ours {Alternation.Median(seconds[0]),6:F2} s/step   PyTorch eager {Alternation.Median(seconds[1]),6:F2} s/step   " +
                              $"ratio {Alternation.MedianRatio(seconds[0], seconds[1]):F3} (goal <= 1.10; per round {string.Join(" ", seconds[0].Zip(seconds[1], (a, b) => (a / b).ToString("F2", CultureInfo.InvariantCulture)))})");
        }
    }

    /// <summary>2. The real Trainer on the ISBI sample, default augmentation, one epoch of a few steps.</summary>
    private static async Task DataWaitAsync(string samples, string scratch, int threads, int steps)
    {
        var run = TrainingRun.Create(Path.Combine(scratch, "train-bench"), new TrainingRunSettings
        {
            Architecture = UNetKind.TwoD,
            Network = new UNetConfig(),
            Images = Path.Combine(samples, "image"),
            Labels = Path.Combine(samples, "label"),
            Patch = PatchSize.Planar(256, 256),
            BatchSize = 4,
            Epochs = 1,
            StepsPerEpoch = steps,
            Threads = threads,
            Seed = 1,
        });
        using var model = run.CreateModel(forTraining: true);
        var trainer = new Trainer(model, run.LoadData(), run.Sampling, run.TrainerOptions(), run.Folder);
        var result = await trainer.RunAsync(resume: false);
        var record = result.Records[^1];
        Console.WriteLine($"Trainer on {samples}, 2D U-Net, 4x256², default augmentation, {record.Step} steps + validation in {record.Seconds:F1} s: " +
                          $"data-wait share {record.DataWaitShare:P2} (goal < 5%)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
