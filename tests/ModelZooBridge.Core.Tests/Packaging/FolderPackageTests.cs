using System.Security.Cryptography;
using ModelZooBridge.Packaging;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Packaging;

[Trait("Area", "Packaging")]
public sealed class FolderPackageTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();
    private readonly string _package;

    public FolderPackageTests()
    {
        _package = Path.Combine(_folder, "model");
        Directory.CreateDirectory(Path.Combine(_package, "sub"));
        File.WriteAllBytes(Path.Combine(_package, "sub", "test_input.npy"), [1, 2, 3, 4]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("rdf.yaml")]
    [InlineData("bioimageio.yaml")]
    [InlineData("x.bioimageio.yaml")]
    [InlineData("model.yaml")]
    [InlineData("unet.rdf.yaml")]
    public void DescriptionName_IsRecognised(string name)
    {
        File.WriteAllText(Path.Combine(_package, name), "type: model\n");

        using var package = ModelPackage.Open(_package);

        Assert.False(package.IsZip);
        Assert.Equal(name, package.DescriptionFileName);
        Assert.Equal("type: model\n"u8.ToArray(), package.ReadDescriptionBytes());
        Assert.Equal(new[] { name, "sub/test_input.npy" }.Order(StringComparer.Ordinal), package.Files);
    }

    [Theory]
    [InlineData(new[] { "bioimageio.yaml", "rdf.yaml" }, "rdf.yaml")]
    [InlineData(new[] { "model.yaml", "z.bioimageio.yaml" }, "z.bioimageio.yaml")]
    [InlineData(new[] { "b.bioimageio.yaml", "a.bioimageio.yaml", "bioimageio.yaml" }, "a.bioimageio.yaml")]
    [InlineData(new[] { "rdf.yaml", "a.rdf.yaml" }, "a.rdf.yaml")]
    public void SeveralDescriptions_FollowTheOfficialPriority(string[] names, string chosen)
    {
        foreach (var name in names) File.WriteAllText(Path.Combine(_package, name), name);

        using var package = ModelPackage.Open(_package);

        Assert.Equal(chosen, package.DescriptionFileName);
    }

    [Fact]
    public void DescriptionOnlyInASubfolder_IsNotFound()
    {
        File.WriteAllText(Path.Combine(_package, "sub", "rdf.yaml"), "type: model\n");

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(_package));

        Assert.StartsWith($"{_package}: no description at the package root", e.Message);
    }

    [Fact]
    public void DescriptionFilePath_OpensItsFolderWithThatDescription()
    {
        File.WriteAllText(Path.Combine(_package, "rdf.yaml"), "a");
        var chosen = Path.Combine(_package, "v0_4_9.bioimageio.yaml");
        File.WriteAllText(chosen, "b");

        using var package = ModelPackage.Open(chosen);

        Assert.Equal("v0_4_9.bioimageio.yaml", package.DescriptionFileName);
        Assert.True(package.Exists("sub/test_input.npy"));
    }

    [Theory]
    [InlineData("sub/test_input.npy")]
    [InlineData("./sub/test_input.npy")]
    [InlineData("sub//test_input.npy")]
    [InlineData("sub/./../sub/test_input.npy")]
    public void References_AreResolvedLikeDescriptionsWriteThem(string reference)
    {
        using var package = OpenWithRdf();

        Assert.True(package.Exists(reference));
        Assert.Equal(4, package.GetFileLength(reference));
        Assert.Equal([1, 2, 3, 4], package.ReadFile(reference));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3, 4 })), package.ComputeSha256(reference));
    }

    [Theory]
    [InlineData("https://zenodo.org/records/1/files/weights.onnx", "is a remote source; remote sources cannot be fetched offline")]
    [InlineData("http://example.org/x.npy", "is a remote source; remote sources cannot be fetched offline")]
    [InlineData("../outside.txt", "points outside the package")]
    [InlineData("sub/../../outside.txt", "points outside the package")]
    [InlineData("/etc/passwd", "is an absolute path; package files are referenced relative to the package root")]
    [InlineData("C:/weights.onnx", "is an absolute path; package files are referenced relative to the package root")]
    public void NonPackageReferences_AreRefusedClearly(string reference, string problem)
    {
        using var package = OpenWithRdf();

        var e = Assert.Throws<PackageException>(() => package.Exists(reference));

        Assert.Equal($"{_package}: '{reference}' {problem}", e.Message);
        Assert.Equal(reference.StartsWith("http"), ModelPackage.IsRemoteSource(reference));
    }

    [Fact]
    public void MissingFile_DoesNotExistAndCannotBeRead()
    {
        using var package = OpenWithRdf();

        Assert.False(package.Exists("weights.onnx"));
        var e = Assert.Throws<PackageException>(() => package.OpenFile("weights.onnx"));
        Assert.Equal($"{_package}: no file 'weights.onnx' in the package", e.Message);
    }

    [Fact]
    public void SymbolicLinkInside_IsAllowed()
    {
        File.CreateSymbolicLink(Path.Combine(_package, "alias.npy"), Path.Combine("sub", "test_input.npy"));

        using var package = OpenWithRdf();

        Assert.Contains("alias.npy", package.Files);
        Assert.Equal([1, 2, 3, 4], package.ReadFile("alias.npy"));
    }

    [Fact]
    public void SymbolicLinkToAFileOutside_IsRefused()
    {
        var secret = Path.Combine(_folder, "secret.txt");
        File.WriteAllText(secret, "secret");
        File.CreateSymbolicLink(Path.Combine(_package, "weights.onnx"), secret);

        var e = Assert.Throws<PackageException>(OpenWithRdf);

        Assert.Equal($"{_package}: 'weights.onnx' is a symbolic link to '{secret}', outside the package; links leading out are refused", e.Message);
    }

    [Fact]
    public void SymbolicLinkToAFolderOutside_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "elsewhere"));
        File.CreateSymbolicLink(Path.Combine(_package, "sub", "data"), Path.Combine("..", "..", "elsewhere"));

        var e = Assert.Throws<PackageException>(OpenWithRdf);

        Assert.Contains("'sub/data' is a symbolic link to '../../elsewhere', outside the package", e.Message);
    }

    [Fact]
    public void LinkLoopInside_IsNotFollowedForever()
    {
        File.CreateSymbolicLink(Path.Combine(_package, "sub", "loop"), "..");

        using var package = OpenWithRdf();

        Assert.Equal(["rdf.yaml", "sub/test_input.npy"], package.Files);
        Assert.True(package.Exists("sub/loop/sub/test_input.npy"));
        Assert.Equal([1, 2, 3, 4], package.ReadFile("sub/loop/sub/test_input.npy"));
    }

    [Fact]
    public void RelativePackagePath_IsNamedAsGiven()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_folder, "absent.zip"));
        File.WriteAllBytes(Path.Combine(_folder, "absent.zip"), []);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(relative));

        Assert.Equal($"{relative}: empty file, not a zip archive", e.Message);
    }

    [Fact]
    public void LinkCreatedAfterOpening_CannotLeadOut()
    {
        using var package = OpenWithRdf();
        var secret = Path.Combine(_folder, "secret.txt");
        File.WriteAllText(secret, "secret");
        var npy = Path.Combine(_package, "sub", "test_input.npy");
        File.Delete(npy);
        File.CreateSymbolicLink(npy, secret);

        var e = Assert.Throws<PackageException>(() => package.ReadFile("sub/test_input.npy"));

        Assert.Contains("resolves outside the package", e.Message);
    }

    [Fact]
    public void MissingPath_IsReported()
    {
        var missing = Path.Combine(_folder, "nothing-here");

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(missing));

        Assert.Equal($"{missing}: no such file or folder", e.Message);
    }

    private ModelPackage OpenWithRdf()
    {
        var rdf = Path.Combine(_package, "rdf.yaml");
        if (!File.Exists(rdf)) File.WriteAllText(rdf, "type: model\n");
        return ModelPackage.Open(_package);
    }
}
