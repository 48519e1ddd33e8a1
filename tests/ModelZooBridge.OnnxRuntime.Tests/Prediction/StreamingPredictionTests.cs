using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Tests.Oracles;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Prediction;

/// <summary>
/// <see cref="Predictor.PredictFile"/> (slab by slab from file to file) against the in-memory predictor with the same
/// blocks: 2-D (slabs along y, planes held) and 3-D (slabs along z, TIFF planes streamed), crop and blend, with
/// preprocessing whose statistics are streamed.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class StreamingPredictionTests(ITestOutputHelper log) : OrtLeakCheck, IDisposable
{
    private const string PerChannelZeroMean = "[{id: zero_mean_unit_variance, kwargs: {axes: [y, x], eps: 1.0e-6}}]";
    private const string ScaleRange = "[{id: scale_range, kwargs: {axes: [z, y, x], min_percentile: 1.0, max_percentile: 99.8}}]";

    private readonly TestPackages _packages = new();

    public new void Dispose()
    {
        _packages.Dispose();
        base.Dispose();
    }

    [Theory]
    [InlineData(2, ".tif", 24)]
    [InlineData(0, ".tif", 32)]
    [InlineData(4, ".npy", 20)]
    public void A_2d_image_streamed_along_y_equals_the_in_memory_prediction(int halo, string inputExtension, int tile)
    {
        using var predictor = Predictor.Open(_packages.Conv2d(halo, preprocessing: PerChannelZeroMean), TestPackages.Options());
        var input = Path.Combine(_packages.Root, "in2d" + inputExtension);
        var values = NumpyOracle.Random(2 * 100 * 77, seed: 8, lo: 100f, hi: 900f);
        ImageFiles.Write(input, new NdArray<float>(values, [2, 100, 77], AxisId.ParseAll("cyx")));
        var output = Path.Combine(_packages.Root, "out2d.tif");

        var axes = AxisId.ParseAll("cyx"); // an NPY file names no axes
        var streamed = predictor.PredictFile(input, output, axes, blockShape: [tile]);
        var inMemory = predictor.PredictWithFixedBlocks(ImageFiles.Read(input, axes), [tile]);

        var written = ImageFiles.Read(output);
        Assert.Equal("cyx", written.AxesString);
        Assert.Equal([3, 100, 77], written.Shape.ToArray());
        Assert.True(streamed.Report.Streamed);
        Assert.Equal(inMemory.Report.Blocks, streamed.Report.Blocks);
        int inner = tile - 2 * halo - (halo == 0 ? 16 : 0);
        Assert.Equal((100 - (tile - 2 * halo) + inner - 1) / inner + 1, streamed.Report.Slabs);
        float diff = OrtTestFiles.MaxAbsDifference(written.As<float>().Span, inMemory.Output.As<float>().Span);
        log.WriteLine($"2-D halo {halo}, tile {tile}: {streamed.Report.Slabs} slabs, {streamed.Report.Blocks} blocks, max |streamed - in memory| = {diff:E2}");
        Assert.InRange(diff, 0, 1e-6f);
    }

    [Theory]
    [InlineData(".tif", "zcyx")]
    [InlineData(".npy", "czyx")]
    public void A_uint16_volume_streamed_along_z_equals_the_in_memory_prediction(string outputExtension, string writtenAxes)
    {
        using var predictor = Predictor.Open(_packages.Conv3d(ScaleRange), TestPackages.Options());
        var input = Path.Combine(_packages.Root, "in3d.tif");
        var random = new Random(4);
        var volume = new NdArray<ushort>([37, 29, 31], AxisId.ParseAll("zyx"));
        foreach (ref var v in volume.Span) v = (ushort)(random.Next(0, 3000) + (random.Next(0, 50) == 0 ? 60000 : 0));
        ImageFiles.Write(input, volume);
        var output = Path.Combine(_packages.Root, "out3d" + outputExtension);

        var streamed = predictor.PredictFile(input, output, blockShape: [12]);
        var inMemory = predictor.PredictWithFixedBlocks(ImageFiles.Read(input), [12]);

        var written = ImageFiles.Read(output, outputExtension == ".npy" ? AxisId.ParseAll(writtenAxes) : null);
        Assert.Equal(writtenAxes, written.AxesString);
        Assert.Equal(4, streamed.Report.Slabs); // inner 10 along z: 37 rows
        Assert.Equal("bczyx", AxisId.Format(streamed.OutputInfos[0].Axes));
        Assert.Equal([1, 2, 37, 29, 31], streamed.OutputInfos[0].Shape.ToArray());
        Assert.Equal(output, streamed.OutputPaths[0]);
        var expected = inMemory.Output.Squeeze(AxisId.Batch).Transpose(AxisId.ParseAll(writtenAxes));
        float diff = OrtTestFiles.MaxAbsDifference(written.As<float>().Span, expected.As<float>().Span);
        log.WriteLine($"3-D to {outputExtension}: {streamed.Report.Slabs} slabs, {streamed.Report.Blocks} blocks, max |streamed - in memory| = {diff:E2}");
        Assert.InRange(diff, 0, 1e-6f);
    }

    [Fact]
    public void A_volume_four_times_the_budget_streams_within_the_budget()
    {
        const long budget = 16L << 20;
        using var predictor = Predictor.Open(_packages.Conv3d(ScaleRange), TestPackages.Options() with { MemoryBudgetBytes = budget, EngineBytesPerVoxel = 64 });
        var input = Path.Combine(_packages.Root, "big.tif");
        var random = new Random(6);
        var volume = new NdArray<ushort>([1024, 128, 128], AxisId.ParseAll("zyx"));
        foreach (ref var v in volume.Span) v = (ushort)random.Next(0, 4096);
        ImageFiles.Write(input, volume);
        var info = new ImageInfo(DType.UInt16, volume.Shape, volume.Axes);
        var output = Path.Combine(_packages.Root, "big-out.tif");

        Assert.Null(predictor.StreamingObstacle(info, output));
        Assert.True(predictor.InMemoryBytes(info) > 4 * budget);
        var result = predictor.PredictFile(input, output);
        var plan = predictor.StreamingPlanFor(info);

        var report = result.Report;
        log.WriteLine($"1024x128x128 uint16, budget {budget >> 20} MiB: {report.Slabs} slabs, {report.Blocks} blocks of {string.Join("x", report.BlockShape)}, " +
                      $"working set {report.WorkingSetBytes / (1 << 20)} MiB (in memory {predictor.InMemoryBytes(info) >> 20} MiB), {report.Total.TotalSeconds:F1} s " +
                      $"(statistics {report.Preprocessing.TotalSeconds:F1} s, engine {report.Inference.TotalSeconds:F1} s, merge {report.Merge.TotalSeconds:F1} s, output {report.Postprocessing.TotalSeconds:F1} s)");
        Assert.True(report.Streamed);
        Assert.Equal(plan.BlockShape.ToArray(), report.BlockShape.ToArray());
        Assert.Equal(plan.BlockCount([1, 1, 1024, 128, 128]), report.Blocks);
        Assert.True(report.Slabs > 8);
        Assert.InRange(report.WorkingSetBytes, 1, budget);
        using var reader = ImageFiles.OpenReader(output);
        Assert.Equal([1024, 2, 128, 128], reader.Info.Shape.ToArray());
    }
}
