using System.Diagnostics;
using ModelZooBridge.OnnxRuntime.Validation;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;
using ModelZooBridge.Validation;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests.Validation;

/// <summary>
/// Reproduction of the test outputs through ONNX Runtime on the real nuclei U-Net package, and one broken package per
/// reproduction check (the static checks have theirs in the Core tests' BrokenPackageTests).
/// </summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class ReproductionTestTests(ITestOutputHelper log) : OrtLeakCheck
{
    private sealed record Case(Func<NucleiPackage> Make, string Needle);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["reproduction.passed"] = new(() => NucleiPackage.CreateFull("bioimageio.yaml"), " at [batch=0, channel=0, y="),
        ["reproduction.tolerated"] = new(() => Perturbed(10, 0.5f), "10 of 262144 elements (38.15 ppm)"),
        ["reproduction.mismatch"] = new(() => Perturbed(1000, 0.5f), "1000 of 262144 elements (3815 ppm)"),
        ["reproduction.failed-to-run"] = new(() => { var p = NucleiPackage.CreateFull("bioimageio.yaml"); p.CorruptWeights(); return p; }, "ONNX Runtime failed loading 'weights.onnx'"),
        ["reproduction.other-sizes"] = new(() => Tileable(step: 4), "n=1 (min + 1·step): the model fails on 'raw' [1,1,68,68]: ONNX Runtime:"),
        ["reproduction.batch"] = new(() => Tileable(step: 16, freeBatch: true), "batch 2 at n=0: the model fails on 'raw' [2,1,64,64]: ONNX Runtime:"),
        ["reproduction.sizes-checked"] = new(() => Tileable(step: 16, freeBatch: true, dynamicBatch: true), "n=1 (min + 1·step): 'raw' [1,1,80,80] → 'probability' [1,1,80,80]"),
        ["reproduction.not-run"] = new(() => { var p = NucleiPackage.CreateOnnxOnly(); p.EditDescription("    test_tensor:\n      source: test_output.npy\n      sha256: 39925fb38bc74530902e44bf8e43a8bd0a9e3675aab758d89f47dc66cb9818ed\n", ""); return p; }, "no test tensor for 'probability'"),
    };

    public static TheoryData<string> CaseIds => [.. Cases.Keys];

    private static NucleiPackage Perturbed(int count, float delta)
    {
        var p = NucleiPackage.CreateFull("bioimageio.yaml");
        p.PerturbTestOutput(count, delta);
        return p;
    }

    private static NucleiPackage Tileable(int step, bool freeBatch = false, bool dynamicBatch = false)
    {
        var p = NucleiPackage.CreateFull("bioimageio.yaml");
        p.MakeTileable(step, freeBatch, dynamicBatch);
        return p;
    }

    private static ReproductionOutcome Run(NucleiPackage p, int threads = 1)
    {
        using var package = ModelPackage.Open(p.DescriptionPath);
        var read = ModelDescrReader.Read(package.ReadDescriptionBytes(), package.DescriptionFileName);
        Assert.NotNull(read.Description);
        return ReproductionTest.Run(package, read.Description, read.SourceFormatVersion, threads);
    }

    [Theory]
    [InlineData("bioimageio.yaml", 1e-4)]
    [InlineData("v0_4_9.bioimageio.yaml", 1e-3)]
    public void Nuclei_unet_reproduces_its_test_output(string descriptionFile, double defaultAtol)
    {
        using var p = NucleiPackage.CreateFull(descriptionFile);
        var outcome = Run(p);

        Assert.True(outcome.Passed, string.Join("\n", outcome.Entries));
        var figures = Assert.Single(outcome.Figures);
        Assert.Equal("probability", figures.OutputId);
        Assert.Equal(512 * 512, figures.Elements);
        Assert.Equal(0, figures.Mismatched);
        Assert.InRange(figures.MaxAbsoluteDifference, 0, 1e-4);
        Assert.Equal(defaultAtol, figures.Tolerance.AbsoluteTolerance);
        var entry = Assert.Single(outcome.Entries, e => e.CheckId == "reproduction.passed");
        log.WriteLine($"{descriptionFile}: {entry.Message}; {outcome.Elapsed.TotalSeconds:F2} s");
        // Fixed 512 × 512 and batch 1: no other size applies (format 0.5); format 0.4 is not run at other sizes.
        var sizes = outcome.Entries.Where(e => e.CheckId.StartsWith("reproduction.", StringComparison.Ordinal) && e != entry).ToList();
        if (defaultAtol == 1e-4)
            Assert.Contains("no other size applies", Assert.Single(sizes, e => e.CheckId == "reproduction.sizes-checked").Message);
        else
            Assert.Empty(sizes);
        Assert.Empty(outcome.SizeRuns ?? []);
    }

    [Fact]
    public void Thread_counts_give_the_same_figures()
    {
        using var p = NucleiPackage.CreateFull("bioimageio.yaml");
        var times = new List<string>();
        ReproductionFigures? first = null;
        foreach (var threads in new[] { 1, 2 })
        {
            var outcome = Run(p, threads);
            Assert.True(outcome.Passed, string.Join("\n", outcome.Entries));
            var f = Assert.Single(outcome.Figures);
            first ??= f;
            Assert.InRange(Math.Abs(f.MaxAbsoluteDifference - first.MaxAbsoluteDifference), 0, 1e-6);
            times.Add($"{threads} thread(s): {outcome.Elapsed.TotalSeconds:F2} s, max |Δ| {f.MaxAbsoluteDifference:G3}");
        }
        log.WriteLine(string.Join("; ", times));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Broken_package_reports_its_check(string checkId)
    {
        var definition = CheckCatalogue.Get(checkId);
        using var p = Cases[checkId].Make();
        var outcome = Run(p);
        var dump = string.Join("\n", outcome.Entries);
        var hit = outcome.Entries.FirstOrDefault(e => e.CheckId == checkId);
        Assert.True(hit is not null, $"no {checkId}\n{dump}");
        Assert.Equal(definition.Severity, hit.Severity);
        Assert.True(hit.Message.Contains(Cases[checkId].Needle, StringComparison.Ordinal), $"{checkId} should name '{Cases[checkId].Needle}'\n{dump}");
        Assert.Equal(definition.Severity < Severity.Error && checkId != "reproduction.not-run", outcome.Passed);
        log.WriteLine(dump);
    }

    [Fact]
    public void A_two_input_package_reproduces_its_pytorch_output_and_runs_both_inputs_at_other_sizes()
    {
        var folder = ImageMaskTestPackage.Write(Path.Combine(Path.GetTempPath(), $"mzb-image-mask-{Guid.NewGuid():N}"));
        try
        {
            var report = ModelValidator.Validate(folder, new ValidationOptions { StaticOnly = false });

            var dump = string.Join("\n", report.Entries);
            log.WriteLine(dump);
            Assert.True(report.Status == ValidationStatus.Passed, dump);
            var figures = Assert.Single(report.Reproduction);
            Assert.Equal(2 * 19 * 22, figures.Elements);
            Assert.InRange(figures.MaxAbsoluteDifference, 0, 1e-5);
            var sizes = Assert.Single(report.Entries, e => e.CheckId == "reproduction.sizes-checked").Message;
            Assert.Contains("'image' [1,1,9,9], 'mask' [1,2,9,9] → 'output' [1,2,9,9]", sizes);
            Assert.Contains("batch 2 at n=0: 'image' [2,1,8,8], 'mask' [2,2,8,8] → 'output' [2,2,8,8]", sizes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_reproduction_check_has_a_broken_package() =>
        Assert.Subset(Cases.Keys.ToHashSet(), CheckCatalogue.ReproductionRunIds.ToHashSet());

    [Fact]
    public void Statically_valid_package_passes_and_a_perturbed_output_fails()
    {
        using var p = NucleiPackage.CreateOnnxOnly();
        var stopwatch = Stopwatch.StartNew();
        var report = ModelValidator.Validate(p.Folder, new ValidationOptions { StaticOnly = false });
        log.WriteLine($"full validation {stopwatch.Elapsed.TotalSeconds:F2} s (reproduction {report.ReproductionElapsed?.TotalSeconds:F2} s)");
        var dump = string.Join("\n", report.Entries);
        Assert.True(report.Status == ValidationStatus.Passed, dump);
        Assert.True(report.ReproductionRun);
        Assert.True(report.Has("reproduction.passed"), dump);
        Assert.False(report.Has("reproduction.not-run"), dump);
        Assert.InRange(Assert.Single(report.Reproduction).MaxAbsoluteDifference, 0, 1e-4);

        var staticOnly = ModelValidator.Validate(p.Folder);
        Assert.Equal(ValidationStatus.ValidFormat, staticOnly.Status);
        Assert.False(staticOnly.ReproductionRun);
        Assert.True(staticOnly.Has("reproduction.not-run"));

        // A perturbed test output with its sha256 updated: statically valid, but it does not reproduce.
        var oldSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(p.Folder, "test_output.npy"))));
        p.PerturbTestOutput(1000, 0.5f);
        var newSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(p.Folder, "test_output.npy"))));
        p.EditDescription(oldSha, newSha);
        var failed = ModelValidator.Validate(p.Folder, new ValidationOptions { StaticOnly = false });
        Assert.Equal(ValidationStatus.Failed, failed.Status);
        Assert.True(failed.Has("reproduction.mismatch"), string.Join("\n", failed.Entries));
        var figures = Assert.Single(failed.Reproduction);
        Assert.Equal(1000, figures.Mismatched);
        Assert.False(figures.Passed);
    }

    [Fact]
    public void Tileable_unet_runs_at_other_sizes_and_batch_2_with_the_described_shapes()
    {
        using var p = Tileable(step: 16, freeBatch: true, dynamicBatch: true);
        var outcome = Run(p);
        var dump = string.Join("\n", outcome.Entries);
        log.WriteLine($"{dump}\n{outcome.Elapsed.TotalSeconds:F2} s");
        Assert.True(outcome.Passed, dump);
        var runs = outcome.SizeRuns!;
        Assert.Equal(["n=0 (min + 0·step)", "n=1 (min + 1·step)", "n=2 (min + 2·step)", "test size + 1 step", "batch 2 at n=0"], runs.Select(r => r.Case));
        Assert.Equal([64, 80, 96, 528, 64], runs.Select(r => r.Outputs.Single().Shape[3]));
        Assert.All(runs, r => Assert.True(r.Passed && r.Outputs.Single().Matches));
        var batch = runs[^1];
        Assert.Equal([2, 1, 64, 64], batch.Outputs.Single().Shape.ToArray());
        Assert.InRange(batch.BatchMaxAbsDifference!.Value, 0, 1e-4);
    }

    [Fact]
    public void A_step_the_graph_cannot_take_fails_only_at_the_sizes_it_cannot_take()
    {
        using var p = Tileable(step: 4);
        var outcome = Run(p);
        var dump = string.Join("\n", outcome.Entries);
        log.WriteLine(dump);
        Assert.False(outcome.Passed);
        Assert.Single(outcome.Entries, e => e.CheckId == "reproduction.passed"); // 512 = 64 + 112·4 still runs
        // 64 and 72 (= 64 + 2·4) are multiples of 8; 68 and 516 are not, so after three poolings the skip connections do not line up.
        var failed = outcome.Entries.Where(e => e.CheckId == "reproduction.other-sizes").Select(e => e.Message[..e.Message.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["n=1 (min + 1·step)", "test size + 1 step"], failed);
        Assert.Equal([true, false, true, false], outcome.SizeRuns!.Select(r => r.Passed));
        Assert.All(outcome.Entries.Where(e => e.CheckId == "reproduction.other-sizes"), e => Assert.Equal("inputs[0].axes[2].size", e.Location!.FieldPath));
    }

    [Fact]
    public void An_output_size_the_graph_does_not_give_fails_with_both_shapes()
    {
        using var p = Tileable(step: 16);
        p.EditDescription("          axis_id: y\n", "          axis_id: y\n          offset: -8\n");
        var outcome = Run(p);
        var dump = string.Join("\n", outcome.Entries);
        log.WriteLine(dump);
        var first = outcome.Entries.First(e => e.CheckId == "reproduction.other-sizes");
        Assert.Equal("n=0 (min + 0·step): on 'raw' [1,1,64,64] output 'probability' has shape [1,1,64,64], the description implies [1,1,56,64]", first.Message);
        Assert.Equal("outputs[0].axes", first.Location!.FieldPath);
        Assert.Equal(4, outcome.Entries.Count(e => e.CheckId == "reproduction.other-sizes"));
    }

    [Fact]
    public void Remote_weights_are_not_downloaded()
    {
        using var p = NucleiPackage.CreateFull("bioimageio.yaml");
        p.EditDescription("source: weights.onnx", "source: https://example.com/weights.onnx");
        var entry = Assert.Single(Run(p).Entries);
        Assert.Equal("reproduction.not-run", entry.CheckId);
        Assert.Contains("https://example.com/weights.onnx is a URL", entry.Message);
    }

    [Fact]
    public void Static_errors_skip_the_reproduction()
    {
        using var p = NucleiPackage.CreateOnnxOnly();
        p.CorruptWeights();
        var report = ModelValidator.Validate(p.Folder, new ValidationOptions { StaticOnly = false });
        Assert.Equal(ValidationStatus.Failed, report.Status);
        Assert.False(report.ReproductionRun);
        Assert.True(report.Has("reproduction.not-run"));
        Assert.False(report.Has("reproduction.failed-to-run"));
    }

    [Fact]
    public void Implicit_casts_follow_the_0_5_rules()
    {
        var none = ReproductionTest.WithImplicitCasts(default, "uint8", "float32");
        Assert.Equal(["uint8", "float32"], none.Select(s => ((EnsureDtypeDescr)s).Dtype));
        var binarized = ReproductionTest.WithImplicitCasts(EquatableArray.Create<ProcessingDescr>(new BinarizeDescr(EquatableArray.Create(0.5))), null, "float32");
        Assert.IsType<BinarizeDescr>(Assert.Single(binarized));
    }
}
