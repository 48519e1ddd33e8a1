using System.Diagnostics;
using System.Globalization;
using ModelZooBridge.Torch.Data;

// Times training-batch production on the ISBI 2012 sample: 4 x 256² 2D patches (and 2 x 32x128x128 3D patches
// from the slices stacked as a volume) with every augmentation on every patch, then runs the background producer
// against a consumer that "computes" for a fixed time per step and reports the share of time it waited for data.
// usage: ModelZooBridge.DataBench SAMPLES_DIR [BATCHES=20] [STEP_MS=500]
//        ModelZooBridge.DataBench train SAMPLES_DIR SCRATCH   (training step against PyTorch, Trainer data wait: TrainBench.cs)
if (args.Length == 3 && args[0] == "train") return await ModelZooBridge.DataBench.TrainBench.RunAsync(args[1], args[2]);
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ModelZooBridge.DataBench SAMPLES_DIR(isbi2012) [BATCHES=20] [STEP_MS=500] | train SAMPLES_DIR SCRATCH");
    return 2;
}
int batches = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int stepMilliseconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
Console.WriteLine($"{Environment.ProcessorCount} CPUs, {batches} batches per measurement");

var watch = Stopwatch.StartNew();
var data = TrainingData.Load(new TrainingDataOptions { Images = Path.Combine(args[0], "image"), Labels = Path.Combine(args[0], "label") });
Console.WriteLine($"load {data.Training.Count + data.Validation.Count} slices: {watch.Elapsed.TotalSeconds:F2} s; {data.Mapping.Describe(data.TrainingClassPixels)}");

double MillisecondsPerBatch(BatchGenerator generator)
{
    generator.Generate(0, 0);
    var timer = Stopwatch.StartNew();
    for (int step = 1; step <= batches; step++) generator.Generate(0, step);
    return timer.Elapsed.TotalMilliseconds / batches;
}

var planar = new SamplingOptions { Patch = PatchSize.Planar(256, 256), BatchSize = 4, Seed = 1, Augmentation = AugmentationOptions.Always };
double always = MillisecondsPerBatch(new BatchGenerator(data, planar));
double defaults = MillisecondsPerBatch(new BatchGenerator(data, planar with { Augmentation = new AugmentationOptions() }));
double none = MillisecondsPerBatch(new BatchGenerator(data, planar with { Augmentation = AugmentationOptions.None }));
Console.WriteLine($"2D 4x256²: every augmentation {always:F1} ms/batch, default probabilities {defaults:F1} ms/batch, plain crops {none:F1} ms/batch");
var only = AugmentationOptions.None;
foreach (var (name, augmentation) in new[]
{
    ("elastic", only with { ElasticProbability = 1 }),
    ("rotation+scale", only with { RotationProbability = 1, ScaleProbability = 1 }),
    ("dihedral", only with { DihedralProbability = 1 }),
    ("brightness+contrast+gamma", only with { BrightnessProbability = 1, ContrastProbability = 1, GammaProbability = 1 }),
    ("noise", only with { NoiseProbability = 1 }),
})
{
    Console.WriteLine($"  only {name}: {MillisecondsPerBatch(new BatchGenerator(data, planar with { Augmentation = augmentation })):F1} ms/batch");
}

var stacked = StackSlices(data.Training);
var volumetric = new SamplingOptions { Patch = new PatchSize(16, 128, 128), BatchSize = 2, Seed = 1, Augmentation = AugmentationOptions.Always };
double threeD = MillisecondsPerBatch(new BatchGenerator([stacked], volumetric, PatchSampler.MinorityClasses(data.TrainingClassPixels)));
Console.WriteLine($"3D 2x16x128x128 from a {stacked.Depth}-slice stack: every augmentation {threeD:F1} ms/batch");

var producer = new BatchProducer(new BatchGenerator(data, planar));
var run = Stopwatch.StartNew();
await foreach (var _ in producer.ProduceAsync(0, 0, batches)) Thread.Sleep(stepMilliseconds);
double share = producer.WaitTime.TotalSeconds / run.Elapsed.TotalSeconds;
Console.WriteLine($"producer with a {stepMilliseconds} ms step: waited {producer.WaitTime.TotalMilliseconds:F0} ms of {run.Elapsed.TotalMilliseconds:F0} ms ({share:P1}; goal < 5%)");
return 0;

static TrainingVolume StackSlices(IReadOnlyList<TrainingVolume> slices)
{
    var first = slices[0];
    int voxels = first.VoxelCount;
    var image = new float[slices.Count * voxels];
    var classes = new byte[slices.Count * voxels];
    for (int z = 0; z < slices.Count; z++)
    {
        slices[z].Image.CopyTo(image, z * voxels);
        slices[z].Classes.CopyTo(classes, z * voxels);
    }
    return new TrainingVolume("stack", first.ImagePath, first.LabelPath, 1, slices.Count, first.Height, first.Width, image, classes);
}
