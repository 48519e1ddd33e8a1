using ModelZooBridge.Onnx;
using ModelZooBridge.Packaging;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Packaging;

/// <summary>ONNX weights read straight out of a zipped package, streaming through the bounded inflater.</summary>
[Trait("Area", "Packaging")]
public sealed class PackagedOnnxTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WeightsInsideAZip_AreReadWithoutExtracting()
    {
        var zip = Path.Combine(_folder, "unet.zip");
        PackageWriter.Write(zip, "type: model\n", new Dictionary<string, string> { ["weights.onnx"] = TestFiles.UNetNucleiBroadOnnx });
        using var package = ModelPackage.Open(zip);

        using var stream = package.OpenFile("./weights.onnx");
        var info = OnnxModelInfo.Read(stream, "weights.onnx");

        Assert.Equal(20, info.DefaultOpsetVersion);
        Assert.Equal("input.1: FLOAT[1,1,512,512]", Assert.Single(info.Inputs).ToString());
        Assert.Equal("85f5ac80fa977fea3562ef97c8c5950288be2c4f4cdb5d994807df97008ce088", package.ComputeSha256("weights.onnx"));
    }
}
