using ModelZooBridge.Spec;
using ModelZooBridge.Validation;

namespace ModelZooBridge.Tests.Validation;

/// <summary>Which tolerance the reproduction uses: config entries first-match, legacy test_kwargs, per-version defaults.</summary>
public sealed class ReproductionToleranceTests
{
    private const string Model = """
        type: model
        format_version: FV
        name: Tolerance test
        description: d
        authors: [{name: A}]
        cite: [{text: c, doi: 10.1234/x}]
        license: MIT
        inputs:
          - id: raw
            axes: [{type: space, id: x, size: 16}]
        outputs:
          - id: prob
            axes: [{type: space, id: x, size: 16}]
        weights:
          onnx: {source: model.onnx, opset_version: 17}

        """;

    private static ModelDescr Read(string formatVersion, string config = "")
    {
        var read = ModelDescrReader.Read(System.Text.Encoding.UTF8.GetBytes(Model.Replace("FV", formatVersion) + config), "rdf.yaml");
        return read.Description ?? throw new InvalidOperationException(string.Join("\n", read.Issues));
    }

    [Theory]
    [InlineData("0.5.7", 1e-3)]
    [InlineData("0.5.4", 1e-4)]
    [InlineData("0.5.0", 1e-4)]
    public void Defaults_depend_on_the_format_version(string version, double atol)
    {
        var t = ReproductionTolerance.For(Read(version), version, "prob", "onnx");
        Assert.Equal((1e-3, atol, 100.0), (t.RelativeTolerance, t.AbsoluteTolerance, t.MismatchedElementsPerMillion));
    }

    [Fact]
    public void Format_0_4_allows_no_mismatch()
    {
        var t = ReproductionTolerance.For(Read("0.5.7"), "0.4.10", "prob", "onnx");
        Assert.Equal((1e-3, 1e-3, 0.0), (t.RelativeTolerance, t.AbsoluteTolerance, t.MismatchedElementsPerMillion));
    }

    [Fact]
    public void First_matching_config_entry_wins_and_unset_fields_take_defaults()
    {
        var d = Read("0.5.7", """
            config:
              bioimageio:
                reproducibility_tolerance:
                  - {output_ids: [other], absolute_tolerance: 0.5}
                  - {weights_formats: [torchscript], absolute_tolerance: 0.25}
                  - {output_ids: [prob], absolute_tolerance: 1e-05, mismatched_elements_per_million: 7}
                  - {absolute_tolerance: 0.125}

            """);
        var t = ReproductionTolerance.For(d, "0.5.7", "prob", "onnx");
        Assert.Equal((1e-3, 1e-5, 7.0), (t.RelativeTolerance, t.AbsoluteTolerance, t.MismatchedElementsPerMillion));
        Assert.Equal("config.bioimageio.reproducibility_tolerance[2]", t.Source);
        Assert.Equal(0.125, ReproductionTolerance.For(d, "0.5.7", "mask", "onnx").AbsoluteTolerance);
    }

    [Fact]
    public void Legacy_test_kwargs_and_decimal()
    {
        var d = Read("0.5.3", "config: {bioimageio: {test_kwargs: {onnx: {decimal: 2}, torchscript: {relative_tolerance: 0.01}}}}\n");
        var t = ReproductionTolerance.For(d, "0.5.3", "prob", "onnx");
        Assert.Equal((0.0, 0.015, 100.0), (t.RelativeTolerance, Math.Round(t.AbsoluteTolerance, 12), t.MismatchedElementsPerMillion));
        Assert.Equal(0.01, ReproductionTolerance.For(d, "0.5.3", "prob", "torchscript").RelativeTolerance);
    }
}
