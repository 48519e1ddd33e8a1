using System.Diagnostics;
using System.Text;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Tests.Spec;

/// <summary>Bad input gives precise issues (line, column, path), never an exception, in bounded time.</summary>
[Trait("Area", "Spec")]
public sealed class InvalidInputTests
{
    private const string Minimal05 = """
        type: model
        format_version: 0.5.4
        name: Minimal model
        inputs:
          - id: raw
            axes:
              - type: batch
              - type: space
                id: x
                size: 64
        outputs:
          - id: out
            axes:
              - type: batch
              - type: space
                id: x
                size: {tensor_id: raw, axis_id: x}
        weights:
          onnx: {source: model.onnx, opset_version: 17}
        """;

    private static SpecIssue SingleError(DescriptionReadResult result, string code)
    {
        Assert.Null(result.Description);
        return Assert.Single(result.Errors, e => e.Code == code);
    }

    [Fact]
    public void Minimal_text_reads_cleanly()
    {
        var result = ModelDescrReader.Read(Minimal05, "m.yaml");
        Assert.Empty(result.Issues);
        Assert.Equal(new FixedSize(64), ((SpaceInputAxis)result.Description!.Inputs[0].Axes[1]).Size);
    }

    [Fact]
    public void Duplicate_tensor_names_in_0_4_are_reported_at_the_second_name()
    {
        var result = ModelDescrReader.Read(ReferenceFiles.Bytes(ReferenceFiles.DuplicateNames), "dup.yaml");
        var e = SingleError(result, "duplicate_tensor_id");
        Assert.Equal("outputs[0].name", e.Location.FieldPath);
        Assert.Equal((44, 11), (e.Location.Line, e.Location.Column));
        Assert.Contains("'data'", e.Message);
    }

    [Fact]
    public void Qupath_multiout_mixing_0_4_keys_into_0_5_is_rejected()
    {
        var result = ModelDescrReader.Read(ReferenceFiles.Bytes(ReferenceFiles.QupathMultiout), "q.yaml");
        Assert.Null(result.Description);
        var unknown = result.Errors.Where(e => e.Code == "unknown_field").Select(e => e.Location.FieldPath).ToHashSet();
        Assert.Superset(new HashSet<string> { "test_inputs", "test_outputs", "sample_inputs", "sample_outputs" }, unknown);
        Assert.Contains(result.Errors, e => e.Location.FieldPath == "attachments" && e.Code == "wrong_type");
    }

    [Fact]
    public void Template_with_printf_placeholders_is_malformed_yaml()
    {
        var result = ModelDescrReader.Read(ReferenceFiles.Bytes(ReferenceFiles.JdllCellposeTemplate), "c.yaml");
        var e = SingleError(result, "yaml_syntax");
        Assert.Equal((124, 13), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Dataset_is_not_a_model()
    {
        var e = SingleError(ModelDescrReader.Read(ReferenceFiles.Bytes(ReferenceFiles.CovidDataset), "d.yaml"), "not_a_model");
        Assert.Equal("type", e.Location.FieldPath);
        Assert.Contains("not a model", e.Message);
    }

    [Theory]
    [InlineData("0.3.2")]
    [InlineData("0.6.0")]
    [InlineData("1.0")]
    [InlineData("latest")]
    public void Old_and_unknown_format_versions_are_unsupported(string version)
    {
        var result = ModelDescrReader.Read($"type: model\nformat_version: {version}\nname: x\n", "v.yaml");
        var e = SingleError(result, "unsupported_format_version");
        Assert.Equal($"format_version {version} is not supported (supported: 0.4.x, 0.5.x)", e.Message);
        Assert.Equal((2, 17), (e.Location.Line, e.Location.Column));
        Assert.Single(result.Issues);
    }

    [Fact]
    public void Future_0_5_patch_is_read_with_an_alert()
    {
        var result = ModelDescrReader.Read(Minimal05.Replace("0.5.4", "0.5.12"), "m.yaml");
        Assert.NotNull(result.Description);
        Assert.Equal(Severity.Alert, Assert.Single(result.Issues).Severity);
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var e = SingleError(ModelDescrReader.Read(ReadOnlySpan<byte>.Empty, "e.yaml"), "empty_document");
        Assert.Equal((1, 1), (e.Location.Line, e.Location.Column));
        SingleError(ModelDescrReader.Read("# only a comment\n", "e.yaml"), "empty_document");
    }

    [Fact]
    public void Non_utf8_bytes_are_reported_with_their_position()
    {
        var bytes = Encoding.UTF8.GetBytes("type: model\nname: caf\u00e9 ").Concat(new byte[] { 0xE9, 0x0A }).ToArray();
        var e = SingleError(ModelDescrReader.Read(bytes, "latin1.yaml"), "not_utf8");
        Assert.Equal((2, 12), (e.Location.Line, e.Location.Column));
        Assert.Contains("0xE9", e.Message);
    }

    [Fact]
    public void Utf8_bom_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Minimal05)).ToArray();
        Assert.NotNull(ModelDescrReader.Read(bytes, "bom.yaml").Description);
    }

    [Fact]
    public void Syntax_error_points_at_line_and_column()
    {
        var e = SingleError(ModelDescrReader.Read("type: model\nformat_version: 0.5.4\ninputs: [a, b\nname: x\n", "s.yaml"), "yaml_syntax");
        // the scanner gives up inside the unclosed flow list; we report the end of the last complete node ("a" on line 3)
        Assert.Equal((3, 11), (e.Location.Line, e.Location.Column));
        Assert.StartsWith("malformed YAML", e.Message);
    }

    [Fact]
    public void Mapping_value_in_plain_scalar_points_at_the_colon()
    {
        var e = SingleError(ModelDescrReader.Read("type: model\nname: a: b\n", "s.yaml"), "yaml_syntax");
        Assert.Equal((2, 8), (e.Location.Line, e.Location.Column));
        Assert.StartsWith("malformed YAML: ", e.Message);
    }

    [Fact]
    public void Root_that_is_not_a_mapping_is_an_error()
    {
        var e = SingleError(ModelDescrReader.Read("- a\n- b\n", "l.yaml"), "wrong_type");
        Assert.Contains("got a sequence", e.Message);
    }

    [Fact]
    public void Wrong_size_type_names_the_alternatives()
    {
        var text = Minimal05.Replace("size: 64", "size: [1, 2]");
        var e = SingleError(ModelDescrReader.Read(text, "w.yaml"), "wrong_type");
        Assert.Equal("inputs[0].axes[1].size", e.Location.FieldPath);
        Assert.Equal("expected an integer, a {min, step} or a {tensor_id, axis_id} mapping, got a sequence", e.Message);
        Assert.Equal((10, 15), (e.Location.Line, e.Location.Column));
    }

    [Theory]
    [InlineData("size: 4294967296", "out_of_range")]
    [InlineData("size: -3", "out_of_range")]
    [InlineData("size: 0", "out_of_range")]
    [InlineData("size: .nan", "wrong_type")]
    [InlineData("size: 1.5", "wrong_type")]
    [InlineData("size: {min: 0, step: 16}", "out_of_range")]
    [InlineData("size: {min: 16, step: 99999999999999999999}", "out_of_range")]
    public void Absurd_sizes_are_errors(string size, string code)
    {
        var e = SingleError(ModelDescrReader.Read(Minimal05.Replace("size: 64", size), "a.yaml"), code);
        Assert.Equal(10, e.Location.Line);
        Assert.StartsWith("inputs[0].axes[1].size", e.Location.FieldPath);
    }

    [Fact]
    public void Nan_scale_is_an_error()
    {
        var e = SingleError(ModelDescrReader.Read(Minimal05.Replace("size: 64", "size: 64\n        scale: .nan"), "n.yaml"), "not_finite");
        Assert.Equal("inputs[0].axes[1].scale", e.Location.FieldPath);
    }

    [Fact]
    public void Missing_required_field_and_unknown_field_are_errors()
    {
        var result = ModelDescrReader.Read(Minimal05.Replace("name: Minimal model\n", "nmae: Minimal model\n"), "m.yaml");
        Assert.Null(result.Description);
        Assert.Contains(result.Errors, e => e.Code == "missing_field" && e.Location.FieldPath == "name");
        var unknown = Assert.Single(result.Errors, e => e.Code == "unknown_field");
        Assert.Equal((3, 1), (unknown.Location.Line, unknown.Location.Column));
    }

    [Fact]
    public void Duplicate_keys_are_errors()
    {
        var e = SingleError(ModelDescrReader.Read(Minimal05 + "\nname: again\n", "d.yaml"), "yaml_duplicate_key");
        Assert.Equal((20, 1), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Billion_laughs_is_bounded()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
            sb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        sb.Append("config: *a9\n");
        var watch = Stopwatch.StartNew();
        var e = SingleError(ModelDescrReader.Read(sb.ToString(), "bomb.yaml"), "yaml_too_large");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        // a5 = [*a4 x10] is the first list past 1,000,000 expanded nodes: reported at its 10th alias
        Assert.Equal((6, 10 + 9 * 5), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        var text = "type: model\nconfig: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var e = SingleError(ModelDescrReader.Read(text, "deep.yaml"), "yaml_too_deep");
        Assert.Equal(2, e.Location.Line);
        Assert.Equal(9 + 63, e.Location.Column); // the root mapping is level 1, so the 64th '[' is refused
    }

    [Fact]
    public void Unknown_alias_is_an_error()
    {
        var e = SingleError(ModelDescrReader.Read("type: model\nname: *nothing\n", "u.yaml"), "yaml_unknown_alias");
        Assert.Equal((2, 7), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Oversized_input_is_rejected_without_parsing()
    {
        var e = SingleError(ModelDescrReader.Read(new string(' ', ModelDescrReader.MaxInputLength + 1), "big.yaml"), "too_large");
        Assert.Equal(0, e.Location.Line);
    }

    [Fact]
    public void Absurd_0_4_channel_count_is_bounded()
    {
        var text = File.ReadAllText(ReferenceFiles.PathOf(ReferenceFiles.NucleiV040)).Replace("shape: [1, 1, 512, 512]", "shape: [1, 2000000000, 512, 512]");
        var e = SingleError(ModelDescrReader.Read(text, "c.yaml"), "too_many_channels");
        Assert.Equal("inputs[0].shape", e.Location.FieldPath);
    }
}
