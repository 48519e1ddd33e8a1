using System.Diagnostics;
using ModelZooBridge.Packaging;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Packaging;

[Trait("Area", "Packaging")]
public sealed class ZipSafetyTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("../evil.txt", "has a '..' segment (path traversal)")]
    [InlineData("sub/../../evil.txt", "has a '..' segment (path traversal)")]
    [InlineData("..\\evil.txt", "has a '..' segment (path traversal)")]
    [InlineData("/etc/evil.txt", "has an absolute path")]
    [InlineData("\\evil.txt", "has an absolute path")]
    [InlineData("C:/evil.txt", "has a drive letter")]
    public void UnsafeEntryName_IsRefusedWithThePreciseReason(string name, string reason)
    {
        var zip = Path.Combine(_folder, "evil.zip");
        ZipFixtures.WritePythonZip(zip, name);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Equal($"{zip}: entry '{name}' {reason}", e.Message);
    }

    [Fact]
    public void SymbolicLinkEntry_IsRefused()
    {
        var zip = Path.Combine(_folder, "link.zip");
        ZipFixtures.WritePythonZip(zip, "weights.onnx", "info.create_system = 3; info.external_attr = 0o120777 << 16", "/etc/passwd");

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Equal($"{zip}: entry 'weights.onnx' is a symbolic link; links are refused", e.Message);
    }

    [Fact]
    public void DuplicateEntry_IsRefused()
    {
        var zip = Path.Combine(_folder, "dup.zip");
        ZipFixtures.WritePythonZip(zip, "rdf.yaml");

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Contains("entry 'rdf.yaml' appears more than once", e.Message);
    }

    [Fact]
    public void UnsupportedCompressionMethod_IsRefused()
    {
        var zip = Path.Combine(_folder, "bz2.zip");
        ZipFixtures.WritePythonZip(zip, "weights.bin", compression: "ZIP_BZIP2");

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Contains("uses compression method BZip2; only stored and deflate are supported", e.Message);
    }

    [Fact]
    public void OneGigabyteBomb_IsRefusedAtOpenFastWithLittleMemory()
    {
        var zip = Path.Combine(_folder, "bomb.zip");
        ZipFixtures.WriteZerosZip(zip, 1L << 30);
        Assert.InRange(new FileInfo(zip).Length, 100_000, 3_000_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains($"entry 'weights.bin' would inflate", e.Message);
        Assert.EndsWith("zip bomb", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(allocated < 4_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void BombWithLyingSizes_StopsAtTheFirstByteBeyondTheDeclaredSize()
    {
        var zip = Path.Combine(_folder, "liar.zip");
        ExternalTool.RunPython("""
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("weights.bin", bytes(256 << 20))
""", zip);
        ZipFixtures.PatchDeclaredSizes(zip, 1000);
        using var package = OpenWithDescriptionAdded(zip);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<PackageException>(() => package.ComputeSha256("weights.bin"));
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"{zip}: entry 'weights.bin' inflates beyond its declared size of 1000 bytes (zip bomb or corrupt archive)", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(allocated < 4_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TooManyEntries_AreRefusedBeforeTheDirectoryIsRead()
    {
        var zip = Path.Combine(_folder, "many.zip");
        ExternalTool.RunPython("""
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("rdf.yaml", "type: model\n")
    for i in range(20):
        z.writestr(f"f{i}.txt", "x")
""", zip);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip, new PackageLimits { MaxEntryCount = 10 }));

        Assert.Equal($"{zip}: archive lists 21 entries, more than the limit of 10", e.Message);
    }

    [Fact]
    public void TotalSizeLimit_IsEnforced()
    {
        var zip = Path.Combine(_folder, "total.zip");
        ZipFixtures.WritePythonZip(zip, "weights.bin", data: new string('a', 5000));

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip, new PackageLimits { MaxTotalSize = 4096 }));

        Assert.Contains("above the limit (zip bomb)", e.Message);
    }

    [Fact]
    public void EmptyFile_IsNotAZip()
    {
        var zip = Path.Combine(_folder, "empty.zip");
        File.WriteAllBytes(zip, []);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Equal($"{zip}: empty file, not a zip archive", e.Message);
    }

    [Fact]
    public void TextFile_IsNotAZip()
    {
        var zip = Path.Combine(_folder, "model.zip");
        File.WriteAllText(zip, "type: model\n");

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Equal($"{zip}: not a zip archive (no zip signature at the start)", e.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.98)]
    public void TruncatedZip_IsReported(double keptFraction)
    {
        var bytes = File.ReadAllBytes(TestFiles.StardistExampleZip);
        var zip = Path.Combine(_folder, "cut.zip");
        File.WriteAllBytes(zip, bytes[..(int)(bytes.Length * keptFraction)]);

        var e = Assert.Throws<PackageException>(() => ModelPackage.Open(zip));

        Assert.Contains("truncated", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void CorruptCompressedData_IsReportedWhenRead()
    {
        var zip = Path.Combine(_folder, "flip.zip");
        ExternalTool.RunPython("""
import sys, zipfile, random
random.seed(1)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("rdf.yaml", "type: model\n")
    z.writestr("weights.bin", bytes(random.getrandbits(8) for _ in range(20000)) + bytes(20000))
""", zip);
        var bytes = File.ReadAllBytes(zip);
        var data = Array.IndexOf(bytes, (byte)'w', 60) + "weights.bin".Length + 200;
        for (var i = data; i < data + 64; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(zip, bytes);
        using var package = ModelPackage.Open(zip);

        var e = Assert.Throws<PackageException>(() => package.ReadFile("weights.bin"));

        Assert.StartsWith($"{zip}: entry 'weights.bin' ", e.Message);
        Assert.Matches("corrupt compressed data|CRC-32 mismatch|truncated: inflated", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RealPackagedDescription_Opens()
    {
        using var package = ModelPackage.Open(TestFiles.StardistExampleZip);

        Assert.True(package.IsZip);
        Assert.Equal("rdf.yaml", package.DescriptionFileName);
        Assert.Equal(["rdf.yaml"], package.Files);
        var expected = ExternalTool.RunPython("""
import sys, zipfile, hashlib
print(hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read("rdf.yaml")).hexdigest())
""", TestFiles.StardistExampleZip).Trim();
        Assert.Equal(expected, package.ComputeSha256("rdf.yaml"));
        Assert.Equal(expected, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package.ReadDescriptionBytes())));
    }

    /// <summary>Opens a zip that has no description by appending one with python (keeps the other entries' bytes).</summary>
    private static ModelPackage OpenWithDescriptionAdded(string zip)
    {
        ExternalTool.RunPython("""
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "a") as z:
    z.writestr("rdf.yaml", "type: model\n")
""", zip);
        return ModelPackage.Open(zip);
    }
}
