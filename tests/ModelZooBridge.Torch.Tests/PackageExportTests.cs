using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Validation;
using ModelZooBridge.Packaging;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Spec;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Training;
using ModelZooBridge.Validation;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests;

/// <summary>
/// A trained U-Net exported with <see cref="PackageExport"/> is a package that <see cref="ModelValidator"/> passes,
/// reproduction included, and whose weights <see cref="UNetWeights.LoadFromPackage"/> loads back into a fresh network.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class PackageExportTests(ITestOutputHelper output) : IDisposable
{
    private static readonly UNetConfig Config = new(Depth: 1, FirstLevelFilters: 4);
    private static readonly long[] TrainShape = [2, 1, 16, 16];
    private readonly string _folder = Directory.CreateTempSubdirectory("mzb-package-export-").FullName;

    [Theory]
    [InlineData(UNetKind.TwoD, "unet2d", new[] { 1, 24, 32 })]
    [InlineData(UNetKind.Anisotropic3D, "unet3d-aniso", new[] { 1, 5, 16, 24 })]
    [InlineData(UNetKind.ThreeD, "unet3d", new[] { 1, 8, 10, 12 })]
    public void ExportedPackagePassesValidationWithReproduction(UNetKind kind, string architectureName, int[] imageShape)
    {
        long[] trainShape = kind == UNetKind.TwoD ? TrainShape : [2, 1, 4, 8, 8];
        using var net = TrainedUNets.Train(kind, Config, trainShape, seed: 21);
        net.Train();
        var zip = Export(net, imageShape);
        Assert.True(net.IsTraining, "the export gives the network its training mode back");

        var report = ModelValidator.Validate(zip, new ValidationOptions { StaticOnly = false, IntraOpThreads = 1 });
        Assert.True(report.Status == ValidationStatus.Passed, string.Join("\n", report.Entries));
        var reproduction = Assert.Single(report.Reproduction);
        output.WriteLine($"{architectureName}: reproduction max |Δ| {reproduction.MaxAbsoluteDifference:G3} over {reproduction.Elements} values");
        Assert.InRange(reproduction.MaxAbsoluteDifference, 0, 1e-4);

        var exported = ExportedModel.Read(zip);
        Assert.Equal(new NetworkArchitecture(architectureName, 2, 4, 1, 2), exported.Architecture);
        var preprocessing = Assert.IsType<ZeroMeanUnitVarianceDescr>(Assert.Single(exported.Description.Inputs[0].Preprocessing));
        Assert.Equal(exported.Architecture.SpatialAxes, preprocessing.Axes!.Value);
    }

    [Fact]
    public void LoadedPackageComputesTheSameAndFreezesTheEncoder()
    {
        using var trained = TrainedUNets.Train(UNetKind.TwoD, Config, TrainShape, seed: 22);
        var zip = Export(trained);

        TorchRuntime.ManualSeed(99);
        using var fresh = UNetArchitecture.Create(ExportedModel.Read(zip).Architecture);
        UNetWeights.LoadFromPackage(fresh, zip, freezeEncoder: true);
        fresh.Eval();
        long[] shape = [1, 1, 16, 24];
        var image = TrainedUNets.RandomImage(shape, seed: 4);
        Assert.Equal(TrainedUNets.TorchProbabilities(trained, image, shape), TrainedUNets.TorchProbabilities(fresh, image, shape));

        foreach (var (name, parameter) in fresh.NamedParameters())
            Assert.True(parameter.RequiresGrad != name.StartsWith("encoder.", StringComparison.Ordinal), name);
        Assert.Equal(fresh.NamedParameters().Count(p => !p.Name.StartsWith("encoder.", StringComparison.Ordinal)), fresh.TrainableParameters().Count());
    }

    [Fact]
    public void LoadingIntoAnotherArchitectureNamesThePackage()
    {
        using var trained = TrainedUNets.Train(UNetKind.TwoD, Config, TrainShape, seed: 23, steps: 1);
        var zip = Export(trained);
        using var wider = UNet.Create2D(Config with { FirstLevelFilters = 8 });

        var error = Assert.Throws<PackageException>(() => UNetWeights.LoadFromPackage(wider, zip, freezeEncoder: false));
        Assert.StartsWith(zip + ": holds unet2d depth 2, 4 filters", error.Message);
        Assert.Contains("but the model is unet2d depth 2, 8 filters", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(UNetKind.TwoD, UNetPadding.Same, UNetNormalization.Batch, "unet2d")]
    [InlineData(UNetKind.ThreeD, UNetPadding.Valid, UNetNormalization.Instance, "unet3d")]
    [InlineData(UNetKind.Anisotropic3D, UNetPadding.Same, UNetNormalization.None, "unet3d-aniso")]
    public void ArchitectureRoundTrips(UNetKind kind, UNetPadding padding, UNetNormalization normalization, string name)
    {
        using var net = TrainedUNets.Create(kind, new UNetConfig(1, 2, padding, normalization, Classes: 3, InputChannels: 2));
        var architecture = UNetArchitecture.Describe(net);
        Assert.Equal((name, 2), (architecture.Name, architecture.Depth));
        Assert.Empty(architecture.Problems());
        using var rebuilt = UNetArchitecture.Create(architecture);
        Assert.Equal((net.Kind, net.Config), (rebuilt.Kind, rebuilt.Config));
        Assert.Equal(net.StateDict().Keys, rebuilt.StateDict().Keys);
    }

    [Fact]
    public void ValidPaddingIsRefusedByThePackageFormat()
    {
        using var net = TrainedUNets.Train(UNetKind.TwoD, Config with { Padding = UNetPadding.Valid }, [1, 1, 20, 20], seed: 25, steps: 1);
        var image = new NdArray<float>([1, 24, 24], [AxisId.Channel, AxisId.Y, AxisId.X]);
        var error = Assert.Throws<ArgumentException>(() => PackageExport.Export(net, image, Details(), Path.Combine(_folder, "valid.zip")));
        Assert.Contains("padding 'valid' cannot be exported yet", error.Message);
    }

    [Fact]
    public void TestInputWithWrongAxesIsRejected()
    {
        using var net = TrainedUNets.Train(UNetKind.TwoD, Config, TrainShape, seed: 24, steps: 1);
        var volume = new NdArray<float>([1, 2, 16, 16], [AxisId.Channel, AxisId.Z, AxisId.Y, AxisId.X]);
        var error = Assert.Throws<ArgumentException>(() => PackageExport.Export(net, volume, Details(), Path.Combine(_folder, "x.zip")));
        Assert.Contains("axes cyx with 1 channel(s) are needed", error.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "x.zip")));
    }

    // A raw-valued (camera counts, not standardised) crop, c,y,x or c,z,y,x, of a size on the architecture's grid.
    private string Export(UNet net, int[]? shape = null)
    {
        var random = new Random(8);
        int[] imageShape = shape ?? [1, 24, 32];
        var image = new NdArray<float>(imageShape, AxisId.ParseAll(imageShape.Length == 3 ? "cyx" : "czyx"));
        foreach (ref var value in image.Span) value = 400f + 120f * (float)random.NextDouble();
        var zip = Path.Combine(_folder, $"model-{Guid.NewGuid():N}.zip");
        PackageExport.Export(net, image, Details(), zip);
        return zip;
    }

    private static ExportDetails Details() => new(
        "Tiny test U-Net", "A 2D U-Net trained for three steps on noise, to test export.", EquatableArray.Create(new Author("ModelZooBridge tests")),
        new TrainingSummary("random noise, 2 images of 16 × 16", Epochs: 1, TimeSpan.FromSeconds(1), Seed: 21));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
