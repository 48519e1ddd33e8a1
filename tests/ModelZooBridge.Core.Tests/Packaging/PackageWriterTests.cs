using System.Security.Cryptography;
using ModelZooBridge.Packaging;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Packaging;

[Trait("Area", "Packaging")]
public sealed class PackageWriterTests : IDisposable
{
    private const string Yaml = "type: model\nformat_version: 0.5.7\nname: Round trip µ\n";
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WrittenPackage_IsFlatRdfFirstDeflatedAndReadableByPython()
    {
        var sources = Path.Combine(_folder, "sources", "deep", "er");
        Directory.CreateDirectory(sources);
        var weights = Path.Combine(sources, "model.onnx");
        File.Copy(TestFiles.TinySymbolicOnnx, weights);
        var tensor = Path.Combine(_folder, "sources", "test_input.npy");
        File.WriteAllBytes(tensor, Enumerable.Range(0, 100_000).Select(i => (byte)(i % 7)).ToArray());
        var zip = Path.Combine(_folder, "out.bioimageio.zip");

        PackageWriter.Write(zip, Yaml, new Dictionary<string, string> { ["weights.onnx"] = weights, ["test_input.npy"] = tensor });

        using (var package = ModelPackage.Open(zip))
        {
            Assert.Equal("rdf.yaml", package.DescriptionFileName);
            Assert.Equal(["rdf.yaml", "test_input.npy", "weights.onnx"], package.Files);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Yaml), package.ReadDescriptionBytes());
            Assert.Equal(Sha256(weights), package.ComputeSha256("weights.onnx"));
            Assert.Equal(File.ReadAllBytes(tensor), package.ReadFile("test_input.npy"));
        }
        var python = ExternalTool.RunPython("""
import sys, zipfile, hashlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(",".join(z.namelist()))
print(",".join(str(i.compress_type) for i in z.infolist()))
print(",".join(oct(i.external_attr >> 16) for i in z.infolist()))
print(hashlib.sha256(z.read("weights.onnx")).hexdigest())
print(z.read("rdf.yaml").decode("utf-8") == sys.argv[2])
""", zip, Yaml).ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("rdf.yaml,test_input.npy,weights.onnx", python[0]);
        Assert.Equal("8,8,8", python[1]);
        Assert.Equal("0o100644,0o100644,0o100644", python[2]);
        Assert.Equal(Sha256(weights), python[3]);
        Assert.Equal("True", python[4]);
    }

    [Fact]
    public void ExistingTarget_IsReplaced()
    {
        var zip = Path.Combine(_folder, "out.zip");
        File.WriteAllText(zip, "old");

        PackageWriter.Write(zip, Yaml, new Dictionary<string, string>());

        using var package = ModelPackage.Open(zip);
        Assert.Equal(["rdf.yaml"], package.Files);
    }

    [Theory]
    [InlineData("sub/weights.onnx", "must be a plain file name")]
    [InlineData("..", "must be a plain file name")]
    [InlineData("bioimageio.yaml", "is reserved for the description")]
    [InlineData("v1.rdf.yaml", "is reserved for the description")]
    [InlineData("RDF.YAML", "clashes with another name when case is ignored")]
    public void InvalidName_IsRefusedAndNothingIsWritten(string name, string problem)
    {
        var source = Path.Combine(_folder, "f.bin");
        File.WriteAllText(source, "x");
        var zip = Path.Combine(_folder, "out.zip");

        var e = Assert.Throws<ArgumentException>(() => PackageWriter.Write(zip, Yaml, new Dictionary<string, string> { [name] = source }));

        Assert.Contains(problem, e.Message);
        Assert.Equal(["f.bin"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void MissingSource_IsRefusedAndNothingIsWritten()
    {
        var zip = Path.Combine(_folder, "out.zip");

        Assert.Throws<FileNotFoundException>(() =>
            PackageWriter.Write(zip, Yaml, new Dictionary<string, string> { ["weights.onnx"] = Path.Combine(_folder, "none.onnx") }));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
