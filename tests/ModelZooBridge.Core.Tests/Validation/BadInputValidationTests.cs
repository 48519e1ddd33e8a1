using System.Diagnostics;
using System.IO.Compression;
using ModelZooBridge.Validation;
using static ModelZooBridge.Tests.Validation.ValidationTestSupport;

namespace ModelZooBridge.Tests.Validation;

/// <summary>Hostile or broken input: always a failed report with a precise message, never an exception, in bounded time.</summary>
public sealed class BadInputValidationTests
{
    private static ValidationReport Run(string path, string expectedId, string needle)
    {
        var clock = Stopwatch.StartNew();
        var report = PackageValidator.Validate(path);
        clock.Stop();
        var dump = Dump(report);
        Assert.True(report.Status == ValidationStatus.Failed, dump);
        Assert.True(report.Entries.Any(e => e.CheckId == expectedId && (e.Message + " " + e.Location).Contains(needle, StringComparison.Ordinal)), $"expected {expectedId} naming '{needle}'\n{dump}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        return report;
    }

    [Fact]
    public void Null_path_is_api_misuse() => Assert.Throws<ArgumentNullException>(() => PackageValidator.Validate(null!));

    [Theory]
    [InlineData("")]
    [InlineData("/nonexistent/folder/model.zip")]
    public void Missing_path_is_a_failed_report(string path)
    {
        var report = PackageValidator.Validate(path);
        Assert.Equal(ValidationStatus.Failed, report.Status);
        Assert.True(CheckCatalogue.IsUnreadableInput(Assert.Single(report.Errors).CheckId));
    }

    [Fact]
    public void Empty_description_file()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("rdf.yaml"), []);
        Run(temp.File("rdf.yaml"), "yaml.syntax", "rdf.yaml");
    }

    [Fact]
    public void Non_utf8_description()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("rdf.yaml"), [.. "type: model\nname: "u8, 0xC3, 0x28, (byte)'\n']);
        Run(temp.File("rdf.yaml"), "yaml.not-text", "0xC3");
    }

    [Fact]
    public void Malformed_yaml_names_the_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("rdf.yaml"), "type: model\nformat_version: 0.5.7\ninputs:\n  - id: [unclosed\n");
        var report = Run(temp.File("rdf.yaml"), "yaml.syntax", "rdf.yaml");
        Assert.Contains(report.Errors, e => e.Location is { Line: > 0 });
    }

    [Fact]
    public void Wrong_types_are_reported_by_field()
    {
        using var temp = new TempFolder();
        var p = new TinyPackage();
        p.Replace("inputs:\n", "inputs: 5\nunused_inputs:\n");
        Run(p.WriteTo(temp.Path), "field.wrong-type", "inputs");
    }

    [Theory]
    [InlineData("1099511627776")] // 2^40
    [InlineData("2147483647")]
    public void Absurd_sizes_allocate_nothing(string size)
    {
        using var temp = new TempFolder();
        var p = new TinyPackage();
        p.Replace("{type: space, id: y, size: {min: 16, step: 8}}", $"{{type: space, id: y, size: {size}}}");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = PackageValidator.Validate(p.WriteTo(temp.Path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ValidationStatus.Failed, report.Status);
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes");
        Assert.Contains(report.Errors, e => e.CheckId is "field.out-of-range" or "test-tensor.size-mismatch" or "onnx.dim-mismatch" && e.Location!.FieldPath.StartsWith("inputs[0].axes[2]", StringComparison.Ordinal));
    }

    [Fact]
    public void Huge_declared_npy_shape_is_not_allocated()
    {
        using var temp = new TempFolder();
        var p = new TinyPackage();
        // A valid header claiming 2^31 × 2^31 float32 elements, followed by 8 bytes of data.
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2147483647, 2147483647), }";
        header = header.PadRight(118) + "\n";
        p.Files["input.npy"] = [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header), 1, 2, 3, 4, 5, 6, 7, 8];
        Run(p.WriteTo(temp.Path), "test-tensor.unreadable", "too large");
    }

    [Fact]
    public void Zip_bomb_is_a_failed_report()
    {
        using var temp = new TempFolder();
        var zip = temp.File("bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("rdf.yaml").Open())) w.Write(TinyPackage.V05);
            using var s = archive.CreateEntry("model.onnx", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) s.Write(zeros);
        }
        var report = PackageValidator.Validate(zip);
        Assert.Equal(ValidationStatus.Failed, report.Status);
        Assert.Contains(report.Errors, e => e.CheckId is "package.unreadable" or "file.invalid-reference" && e.Message.Contains("zip bomb", StringComparison.Ordinal));
    }

    [Fact]
    public void Path_traversal_in_a_zip_is_a_failed_report()
    {
        using var temp = new TempFolder();
        var zip = temp.File("evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("rdf.yaml").Open())) w.Write(TinyPackage.V05);
            using (var w = new StreamWriter(archive.CreateEntry("../../evil.txt").Open())) w.Write("x");
        }
        Run(zip, "package.unreadable", "evil.txt");
    }

    [Fact]
    public void Path_traversal_in_a_reference_is_a_failed_check()
    {
        using var temp = new TempFolder();
        var p = new TinyPackage();
        p.Replace("documentation: README.md", "documentation: ../../etc/passwd");
        Run(p.WriteTo(temp.Path), "file.invalid-reference", "../../etc/passwd");
    }

    [Fact]
    public void Not_a_zip_is_a_failed_report()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("model.zip"), "this is not a zip file");
        Run(temp.File("model.zip"), "package.unreadable", "model.zip");
    }

    [Fact]
    public void Reference_zip_with_only_the_description_reports_every_file_missing()
    {
        var report = PackageValidator.Validate(TestFiles.StardistExampleZip);
        Assert.Equal(ValidationStatus.Failed, report.Status);
        Assert.False(StaticErrors(report).Any(), Dump(report));
        Assert.All(report.Errors, e => Assert.Equal("file.missing", e.CheckId));
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var temp = new TempFolder();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PackageValidator.Validate(new TinyPackage().WriteTo(temp.Path), cancellationToken: cts.Token));
    }
}
