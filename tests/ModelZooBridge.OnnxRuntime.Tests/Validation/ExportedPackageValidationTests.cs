using ModelZooBridge.OnnxRuntime.Validation;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Tests.Oracles;
using ModelZooBridge.Validation;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Validation;

/// <summary>
/// A package exported around a network built with OnnxGraphBuilder passes full validation: ONNX Runtime, through our
/// binding, reproduces the test output PyTorch computed for the test input.
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class ExportedPackageValidationTests(ITestOutputHelper log) : OrtLeakCheck
{
    [Theory]
    [InlineData(NetworkArchitecture.UNet2d, new[] { 1, 1, 16, 24 })]
    [InlineData(NetworkArchitecture.UNet3dAniso, new[] { 1, 1, 8, 16, 20 })]
    public void ExportedPackage_ReproducesItsTestOutputThroughOnnxRuntime(string name, int[] shape)
    {
        var architecture = new NetworkArchitecture(name, Depth: 3, FirstLevelFilters: 4, InputChannels: 1, Classes: 2);
        var folder = ExternalTool.NewTempFolder();
        try
        {
            var zip = Path.Combine(folder, "model.zip");
            ModelPackageExporter.Export(TinySegmentationNet.Request(architecture, shape), zip);

            var report = ModelValidator.Validate(zip, new ValidationOptions { StaticOnly = false });

            Assert.Empty(report.Errors);
            Assert.True(report.ReproductionRun);
            Assert.Equal(ValidationStatus.Passed, report.Status);
            var figures = Assert.Single(report.Reproduction);
            log.WriteLine($"{name}: max |ORT - torch| = {figures.MaxAbsoluteDifference:E2} over {figures.Elements} elements");
            Assert.InRange(figures.MaxAbsoluteDifference, 0, 1e-5);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
