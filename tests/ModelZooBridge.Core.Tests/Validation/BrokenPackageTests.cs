using ModelZooBridge.Onnx.Proto;
using ModelZooBridge.Validation;
using static ModelZooBridge.Tests.Validation.ValidationTestSupport;

namespace ModelZooBridge.Tests.Validation;

/// <summary>
/// One broken variant of <see cref="TinyPackage"/> per catalogue check: each must report that check with the catalogue
/// severity and a message (or field path) naming the field or file; <see cref="Every_catalogue_check_has_a_broken_package"/>
/// keeps the table and the catalogue in step.
/// </summary>
public sealed class BrokenPackageTests
{
    private sealed record Case(Action<TinyPackage> Break, string Needle, Func<string, string>? Target = null);

    private const string Bad64 = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string InputSize = "{type: space, id: y, size: {min: 16, step: 8}}";
    private const string OutY = "{type: space, id: y, size: {tensor_id: raw, axis_id: y}, halo: 2}";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["package.unreadable"] = new(_ => { }, "no such file", folder => Path.Combine(folder, "absent.zip")),
        ["yaml.not-text"] = new(p => p.RawYaml = [(byte)'a', (byte)':', (byte)' ', 0xFF, 0xFE], "UTF-8"),
        ["yaml.syntax"] = new(p => p.Yaml = "type: model\ninputs: [\n", "rdf.yaml"),
        ["yaml.too-large"] = new(p => p.Yaml = "a: " + new string('[', 200) + new string(']', 200) + "\n", "rdf.yaml"),
        ["format.unsupported"] = new(p => p.Replace("type: model", "type: dataset"), "dataset"),
        ["format.future-version"] = new(p => p.Replace("format_version: 0.5.7", "format_version: 0.5.99"), "0.5.99"),
        ["field.missing"] = new(p => p.Replace("name: Tiny test model\n", ""), "name"),
        ["field.wrong-type"] = new(p => p.Replace("name: Tiny test model", "name: [Tiny]"), "name"),
        ["field.unknown"] = new(p => p.Yaml += "favourite_colour: blue\n", "favourite_colour"),
        ["field.out-of-range"] = new(p => p.Replace("size: {min: 16, step: 8}", "size: {min: 0, step: 8}"), "inputs[0].axes[2].size.min"),
        ["field.invalid-value"] = new(p => p.Replace("data: {type: float32}", "data: {type: float99}"), "float99"),
        ["field.framework-version-missing"] = new(p => { p.Yaml = TinyPackage.V04; p.Replace(", opset_version: 17", ""); }, "opset_version"),
        ["data.infinite-range"] = new(p => p.Replace("data: {type: float32}\n    test_tensor: {source: output.npy", "data: {type: float32, range: [0, .inf]}\n    test_tensor: {source: output.npy"), "range"),
        ["conversion.lossy"] = new(p => { p.Yaml = TinyPackage.V04; p.Replace("shape: {reference_tensor: raw, scale: [1, 1, 1, 1], offset: [0, 0, 0, 0]}", "shape: [1, 1, 16, 16]\n    halo: [0, 0, 2, 2]"); }, "halo"),
        ["conversion.failed"] = new(p => { p.Yaml = TinyPackage.V04; p.Replace("min: [1, 1, 16, 16]", "min: [1, 1, 16]"); }, "shape"),
        ["tensors.duplicate-id"] = new(p => p.Replace("id: prob", "id: raw"), "raw"),
        ["tensors.invalid-id"] = new(p => p.Replace("id: prob", "id: Prob-Map"), "Prob-Map"),
        ["axes.duplicate-id"] = new(p => p.Replace("{type: space, id: x, size: {min: 16", "{type: space, id: y, size: {min: 16"), "'y'"),
        ["axes.invalid-id"] = new(p => p.Replace("{type: space, id: x, size: {tensor_id", "{type: space, id: Xx, size: {tensor_id"), "'Xx'"),
        ["size.reference-unresolved"] = new(p => p.Replace("tensor_id: raw, axis_id: y", "tensor_id: nothere, axis_id: y"), "nothere"),
        ["size.reference-self"] = new(p => p.Replace("tensor_id: raw, axis_id: x", "tensor_id: prob, axis_id: y"), "prob.y"),
        ["size.reference-cycle"] = new(p => p.Replace(OutY, "{type: space, id: y, size: {tensor_id: aux, axis_id: y}}").Replace("weights:",
            "  - id: aux\n    axes:\n      - {type: space, id: y, size: {tensor_id: prob, axis_id: y}}\nweights:"), "cycle"),
        ["size.reference-invalid-target"] = new(p => p.Replace("axis_id: y}, halo: 2", "axis_id: batch}, halo: 2"), "batch"),
        ["size.unit-mismatch"] = new(p => p.Replace(InputSize, "{type: space, id: y, size: {min: 16, step: 8}, unit: micrometer}"), "micrometer"),
        ["size.data-dependent-range"] = new(p => p.Replace("{type: channel, channel_names: [fg]}", "{type: index, size: {min: 5, max: 3}}"), "min 5"),
        ["halo.without-reference"] = new(p => p.Replace(OutY, "{type: space, id: y, size: 16, halo: 2}"), "outputs[0].axes[2].halo"),
        ["halo.too-large"] = new(p => p.Replace("axis_id: y}, halo: 2", "axis_id: y}, halo: 8"), "halo 8"),
        ["halo.not-integral"] = new(p => p.Replace("axis_id: y}, halo: 2}", "axis_id: y}, halo: 3, scale: 0.5}"), "halo 3"),
        ["data.channel-count"] = new(p => p.Replace("data: {type: float32}", "data: [{type: float32}, {type: float32}]"), "2 data descriptions"),
        ["data.mixed-types"] = new(p => p.Replace("channel_names: [c0]", "channel_names: [c0, c1]").Replace("data: {type: float32}", "data: [{type: float32}, {type: float64}]"), "float64"),
        ["processing.unknown-axis"] = new(p => p.Replace("axes: [y, x]", "axes: [y, z]"), "'z'"),
        ["processing.clip-bounds"] = new(p => p.Replace("- {id: sigmoid}", "- {id: clip, kwargs: {min: 5, max: 1}}"), "min 5"),
        ["processing.percentile-range"] = new(p => p.Replace("- {id: sigmoid}", "- {id: scale_range, kwargs: {min_percentile: 90, max_percentile: 10}}"), "min_percentile 90"),
        ["processing.reference-tensor"] = new(p => p.Replace("- {id: sigmoid}", "- {id: scale_mean_variance, kwargs: {reference_tensor: nothere}}"), "nothere"),
        ["processing.per-axis-count"] = new(p => p.Replace("- {id: sigmoid}", "- {id: binarize, kwargs: {threshold: [0.1, 0.2], axis: channel}}"), "threshold"),
        ["processing.identity"] = new(p => p.Replace("- {id: sigmoid}", "- {id: scale_linear, kwargs: {gain: 1, offset: 0}}"), "scale_linear"),
        ["weights.missing"] = new(p => p.Replace("onnx: {source: model.onnx, sha256: SHA_model.onnx, opset_version: 17}", "{}"), "weights"),
        ["weights.parent-invalid"] = new(p => p.Replace(", opset_version: 17}", ", opset_version: 17, parent: onnx}"), "onnx"),
        ["weights.parent-count"] = new(p => p.Yaml += "  torchscript: {source: model.onnx, sha256: SHA_model.onnx, pytorch_version: '2.0'}\n", "torchscript"),
        ["weights.no-onnx"] = new(p => p.Replace("onnx: {source: model.onnx, sha256: SHA_model.onnx, opset_version: 17}", "torchscript: {source: model.onnx, sha256: SHA_model.onnx, pytorch_version: '2.0'}"), "torchscript"),
        ["file.missing"] = new(p => { p.Files.Remove("input.npy"); p.Replace("SHA_input.npy", Bad64); }, "input.npy"),
        ["file.remote"] = new(p => p.Replace("documentation: README.md", "documentation: https://example.org/README.md"), "https://example.org/README.md"),
        ["file.invalid-reference"] = new(p => p.Replace("covers: [cover.png]", "covers: [../cover.png]"), "../cover.png"),
        ["file.reserved-name"] = new(p => { p.Yaml += "attachments: [{source: model.yaml}]\n"; p.Files["model.yaml"] = "x: 1\n"u8.ToArray(); }, "model.yaml"),
        ["file.sha256-mismatch"] = new(p => p.Replace("SHA_model.onnx", Bad64), "model.onnx"),
        ["file.sha256-missing"] = new(p => p.Replace(", sha256: SHA_model.onnx", ""), "model.onnx"),
        ["documentation.empty"] = new(p => p.Files["README.md"] = [], "README.md"),
        ["documentation.not-markdown"] = new(p => { p.Replace("documentation: README.md", "documentation: README.txt"); p.Files["README.txt"] = "text"u8.ToArray(); }, "README.txt"),
        ["documentation.not-utf8"] = new(p => p.Files["README.md"] = [(byte)'#', 0xFF, 0xFE, (byte)'x'], "README.md"),
        ["cover.unsupported-format"] = new(p => { p.Replace("covers: [cover.png]", "covers: [cover.bmp]"); p.Files["cover.bmp"] = "BM"u8.ToArray(); }, "cover.bmp"),
        ["cover.unreadable"] = new(p => p.Files["cover.png"] = "not a png at all"u8.ToArray(), "cover.png"),
        ["license.missing"] = new(p => p.Replace("license: MIT\n", ""), "license"),
        ["license.invalid"] = new(p => p.Replace("license: MIT", "license: My own licence"), "My own licence"),
        ["license.unknown"] = new(p => p.Replace("license: MIT", "license: Foo-1.0"), "Foo-1.0"),
        ["license.deprecated"] = new(p => p.Replace("license: MIT", "license: GPL-3.0"), "GPL-3.0-only"),
        ["test-tensor.missing"] = new(p => p.Replace("    test_tensor: {source: output.npy, sha256: SHA_output.npy}\n", ""), "prob"),
        ["test-tensor.unreadable"] = new(p => p.Files["input.npy"] = "garbage, not numpy"u8.ToArray(), "input.npy"),
        ["test-tensor.dtype-mismatch"] = new(p => p.Replace("data: {type: float32}", "data: {type: uint8}"), "input.npy"),
        ["test-tensor.rank-mismatch"] = new(p => p.Files["input.npy"] = TinyPackage.Npy(1, 16, 16), "input.npy"),
        ["test-tensor.size-mismatch"] = new(p => p.Files["output.npy"] = TinyPackage.Npy(1, 1, 16, 24), "output.npy"),
        ["test-tensor.size-unreachable"] = new(p => { p.Files["input.npy"] = TinyPackage.Npy(1, 1, 17, 16); p.Files["output.npy"] = TinyPackage.Npy(1, 1, 17, 16); }, "16 + n*8"),
        ["test-tensor.not-finite"] = new(p => p.Files["input.npy"] = TinyPackage.Npy([1, 1, 16, 16], i => i == 7 ? float.NaN : i), "input.npy"),
        ["test-tensor.near-zero"] = new(p => p.Files["output.npy"] = TinyPackage.Npy([1, 1, 16, 16], _ => 0f), "output.npy"),
        ["onnx.unreadable"] = new(p => p.Files["model.onnx"] = [0xFF, 0xFF, 0xFF, 0x01, 0x02], "model.onnx"),
        ["onnx.opset-mismatch"] = new(p => p.Replace("opset_version: 17", "opset_version: 13"), "opset 17"),
        ["onnx.opset-lower"] = new(p => p.Replace("opset_version: 17", "opset_version: 18"), "opset 17"),
        ["onnx.io-count"] = new(p => p.Files["model.onnx"] = TinyPackage.Onnx(outputs: 2), "2 graph outputs"),
        ["onnx.rank-mismatch"] = new(p => p.Files["model.onnx"] = TinyPackage.Onnx([null, 1, null]), "rank 3"),
        ["onnx.dtype-mismatch"] = new(p => p.Files["model.onnx"] = TinyPackage.Onnx(type: TensorProto.Types.DataType.Double), "float64"),
        ["onnx.dim-mismatch"] = new(p => p.Files["model.onnx"] = TinyPackage.Onnx([null, 3, null, null]), "static size 3"),
        ["onnx.fewer-sizes"] = new(p => p.Files["model.onnx"] = TinyPackage.Onnx([null, 1, 16, null]), "min + n*step"),
        ["reproduction.not-run"] = new(_ => { }, "not reproduced"),
    };

    public static TheoryData<string> CaseIds => [.. Cases.Keys];

    [Fact]
    public void The_tiny_package_is_valid()
    {
        using var temp = new TempFolder();
        var report = PackageValidator.Validate(new TinyPackage().WriteTo(temp.Path));
        Assert.True(report.Status == ValidationStatus.ValidFormat, Dump(report));
        Assert.True(report.Entries.All(e => e.Severity == ModelZooBridge.Spec.Severity.Info), Dump(report));
        Assert.Equal("0.5.7", report.FormatVersion);
        Assert.Equal("rdf.yaml", report.DescriptionFile);
    }

    [Fact]
    public void The_tiny_package_is_valid_in_format_0_4()
    {
        using var temp = new TempFolder();
        var report = PackageValidator.Validate(new TinyPackage { Yaml = TinyPackage.V04 }.WriteTo(temp.Path));
        Assert.True(report.Status == ValidationStatus.ValidFormat, Dump(report));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Broken_package_reports_its_check(string checkId)
    {
        var definition = CheckCatalogue.Get(checkId);
        var c = Cases[checkId];
        using var temp = new TempFolder();
        var package = new TinyPackage();
        c.Break(package);
        var folder = package.WriteTo(temp.Path);
        var report = PackageValidator.Validate(c.Target?.Invoke(folder) ?? folder);
        var dump = Dump(report);
        var hits = report.Entries.Where(e => e.CheckId == checkId).ToList();
        Assert.True(hits.Count > 0, $"no {checkId}\n{dump}");
        Assert.True(hits.Any(e => e.Severity == definition.Severity), $"{checkId} should be {definition.Severity}\n{dump}");
        Assert.True(hits.Any(e => (e.Message + " " + e.Location).Contains(c.Needle, StringComparison.Ordinal)), $"{checkId} should name '{c.Needle}'\n{dump}");
        Assert.Equal(definition.Severity == ModelZooBridge.Spec.Severity.Error, report.Status == ValidationStatus.Failed);
    }

    [Fact]
    public void Every_catalogue_check_has_a_broken_package()
    {
        // The reproduction-run ids need ONNX Runtime: ReproductionTestTests (OnnxRuntime tests) has their broken packages.
        var catalogue = CheckCatalogue.All.Select(d => d.Id).Where(id => !CheckCatalogue.ReproductionRunIds.Contains(id)).ToHashSet();
        Assert.Equal(catalogue.Order(), Cases.Keys.Order());
        Assert.Subset(CheckCatalogue.All.Select(d => d.Id).ToHashSet(), CheckCatalogue.ReproductionRunIds.ToHashSet());
        Assert.Equal(CheckCatalogue.All.Select(d => d.Id).Distinct().Count(), CheckCatalogue.All.Count);
    }

    [Fact]
    public void Every_catalogue_check_is_documented_in_checks_md()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "zoo-specs", "checks.md"));
        foreach (var d in CheckCatalogue.All)
        {
            var row = doc.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{d.Id}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"{d.Id} is not in zoo-specs/checks.md");
            Assert.Contains($"| {d.Severity.ToString().ToLowerInvariant()} |", row);
        }
    }

    [Fact]
    public void Every_reader_issue_code_maps_to_a_catalogue_check()
    {
        // The reader's codes, scraped from its sources: every Add/Error/Warn call site's code literal.
        var root = Path.Combine(RepositoryPaths.Root, "src", "ModelZooBridge.Core", "Spec");
        var codes = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file),
                @"(?:Sink|sink)\.(?:Add|Error|Warn)\([^;]*?""([a-z][a-z0-9_]*)"",\s*\$?""(?![a-z][a-z0-9_]*"",)", System.Text.RegularExpressions.RegexOptions.Singleline))
                codes.Add(m.Groups[1].Value);
        codes.UnionWith(["missing_field", "wrong_type", "unknown_field", "out_of_range"]);
        Assert.True(codes.Count > 30, string.Join(", ", codes));
        var unmapped = codes.Where(c => !CheckCatalogue.MapsReaderCode(c)).ToList();
        Assert.True(unmapped.Count == 0, "unmapped reader codes: " + string.Join(", ", unmapped));
        Assert.All(CheckCatalogue.KnownReaderCodes, c => Assert.True(CheckCatalogue.Contains(CheckCatalogue.ForReaderCode(c))));
    }
}
