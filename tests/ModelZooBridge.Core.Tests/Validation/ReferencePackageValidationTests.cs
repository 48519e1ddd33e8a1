using ModelZooBridge.Tests.Spec;
using ModelZooBridge.Validation;
using static ModelZooBridge.Tests.Validation.ValidationTestSupport;

namespace ModelZooBridge.Tests.Validation;

/// <summary>
/// Every reference description gets the verdict that Fixtures/reference-packages/README.md records from the original reference README: "static" means no
/// error from a description-only check, "with files" is the verdict against the files copied next to it (see the
/// fixture README; the nuclei ONNX is copied in from Fixtures/onnx at test time).
/// </summary>
public sealed class ReferencePackageValidationTests
{
    private const string Nuclei = "spec-bioimage-io/models/unet2d_nuclei_broad/";

    public static TheoryData<string, bool, ValidationStatus, string[], string[]> Cases => new()
    {
        // file, static valid, status with files, check ids that must appear, file names that must be reported missing
        { Nuclei + "bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing", "file.remote"], ["unet2d.py", "weights.pt"] },
        { Nuclei + "v0_4_0.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], ["weights.pt"] },
        { Nuclei + "v0_4_9.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], ["weights.pt"] },
        { Nuclei + "expand_output_shape.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing", "file.remote", "file.missing"], ["unet2d_expand_output_shape.py", "test_output_expanded.npy"] },
        { Nuclei + "expand_output_shape_v0_4.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], ["unet2d_expand_output_shape.py"] },
        { Nuclei + "invalid_v0_4_0_duplicate_tensor_names.bioimageio.yaml", false, ValidationStatus.Failed, ["tensors.duplicate-id"], [] },
        { "spec-bioimage-io/models/unet2d_multi_tensor/bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing", "weights.no-onnx"], ["weights.pt", "multi_tensor_unet.py", "weights_torchscript_traced.pt", "test_input_0.npy"] },
        { "spec-bioimage-io/models/unet2d_diff_output_shape/bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], ["weights.pt", "resize_unet.py"] },
        { "spec-bioimage-io/models/unet2d_fixed_shape/v0_4.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], ["weights.pt"] },
        { "spec-bioimage-io/models/upsample_test_model/v0_4.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing", "documentation.empty"], ["weights.pt", "upsample_model.py"] },
        { "spec-bioimage-io/models/stardist_example_model/v0_4.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], ["test_output0.npy", "TF_SavedModel.zip"] },
        { "spec-bioimage-io/models/stardist_example_model/rdf_wrong_shape_v0_4.yaml", true, ValidationStatus.Failed, ["file.missing"], ["test_output0.npy"] },
        { "spec-bioimage-io/models/stardist_example_model/rdf_wrong_shape2_v0_4.yaml", true, ValidationStatus.Failed, ["test-tensor.size-unreachable"], ["test_output0.npy"] },
        { "spec-bioimage-io/models/unet2d_keras_tf/v0_4.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], [] },
        { "spec-bioimage-io/models/unet2d_keras_tf2/v0_4.bioimageio.yaml", true, ValidationStatus.Failed, ["file.missing"], [] },
        { "spec-bioimage-io/datasets/covid_if_training_data/bioimageio.yaml", false, ValidationStatus.Failed, ["format.unsupported"], [] },
        { "qupath-bioimageio-spec/brightfield_bioio_v0_5/rdf.yaml", true, ValidationStatus.Failed, ["file.missing"], ["instanseg.pt"] },
        { "qupath-bioimageio-spec/brightfield_multiout_v0_5/rdf.yaml", false, ValidationStatus.Failed, ["field.unknown"], [] },
        { "JDLL/samples/rdf.yaml", true, ValidationStatus.ValidFormat, ["file.remote"], [] },
        { "JDLL/special_models/cellpose/rdf.yaml", false, ValidationStatus.Failed, ["yaml.syntax"], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reference_description_gets_the_stated_verdict(string relative, bool staticValid, ValidationStatus status, string[] ids, string[] missing)
    {
        using var temp = new TempFolder();
        var path = ReferenceFiles.PathOf(relative);
        if (relative.StartsWith(Nuclei, StringComparison.Ordinal))
        {
            // The nuclei ONNX is committed once, under Fixtures/onnx; assemble the package folder here.
            foreach (var f in Directory.GetFiles(Path.GetDirectoryName(path)!)) File.Copy(f, temp.File(Path.GetFileName(f)));
            File.Copy(TestFiles.UNetNucleiBroadOnnx, temp.File("weights.onnx"));
            path = temp.File(Path.GetFileName(relative));
        }
        var report = PackageValidator.Validate(path);
        var dump = Dump(report);
        Assert.True(staticValid == !StaticErrors(report).Any(), dump);
        Assert.True(status == report.Status, dump);
        Assert.False(report.ReproductionRun);
        foreach (var id in ids) Assert.True(report.Has(id), $"expected {id}\n{dump}");
        foreach (var name in missing)
            Assert.True(report.Entries.Any(e => e.CheckId == "file.missing" && e.Message.Contains($"'{name}'", StringComparison.Ordinal)), $"expected {name} missing\n{dump}");
    }

    [Fact]
    public void Nuclei_onnx_weights_and_test_tensors_are_consistent_with_the_description()
    {
        using var temp = new TempFolder();
        foreach (var f in Directory.GetFiles(ReferenceFiles.PathOf(Nuclei))) File.Copy(f, temp.File(Path.GetFileName(f)));
        File.Copy(TestFiles.UNetNucleiBroadOnnx, temp.File("weights.onnx"));
        var report = PackageValidator.Validate(temp.File("bioimageio.yaml"));
        var dump = Dump(report);
        Assert.False(report.Entries.Any(e => e.CheckId.StartsWith("onnx.", StringComparison.Ordinal) || e.CheckId.StartsWith("test-tensor.", StringComparison.Ordinal)), dump);
        Assert.DoesNotContain(report.Entries, e => e.CheckId == "file.sha256-mismatch");
        // Only the files the README lists as absent are errors.
        Assert.All(report.Errors, e => Assert.Equal("file.missing", e.CheckId));
        Assert.Equal(2, report.Errors.Count);
        _ = dump;
    }

    [Fact]
    public void Invalid_nuclei_reports_the_onnx_sha256_mismatch()
    {
        using var temp = new TempFolder();
        foreach (var f in Directory.GetFiles(ReferenceFiles.PathOf(Nuclei))) File.Copy(f, temp.File(Path.GetFileName(f)));
        File.Copy(TestFiles.UNetNucleiBroadOnnx, temp.File("weights.onnx"));
        var report = PackageValidator.Validate(temp.File("invalid_v0_4_0_duplicate_tensor_names.bioimageio.yaml"));
        // The reader rejects the duplicate names, so the file checks run on nothing: the mismatch is checked on a copy
        // whose output is renamed (the only change), as the README states both problems.
        Assert.Contains(report.Entries, e => e.CheckId == "tensors.duplicate-id");
        var text = File.ReadAllText(temp.File("invalid_v0_4_0_duplicate_tensor_names.bioimageio.yaml"));
        var fixedNames = ReplaceSecond(text, "name: data", "name: data_out");
        File.WriteAllText(temp.File("renamed.bioimageio.yaml"), fixedNames);
        var renamed = PackageValidator.Validate(temp.File("renamed.bioimageio.yaml"));
        var mismatch = Assert.Single(renamed.Entries, e => e.CheckId == "file.sha256-mismatch");
        Assert.Contains("weights.onnx", mismatch.Message);
        Assert.Contains("f1f086d5", mismatch.Message);
        Assert.Contains("85f5ac80", mismatch.Message);
    }

    private static string ReplaceSecond(string text, string what, string with)
    {
        var first = text.IndexOf(what, StringComparison.Ordinal);
        var second = text.IndexOf(what, first + what.Length, StringComparison.Ordinal);
        Assert.True(second > 0, "the file names 'data' twice");
        return text[..second] + with + text[(second + what.Length)..];
    }
}
