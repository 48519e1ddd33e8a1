using System.Globalization;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation;

/// <summary>
/// How closely a reproduced output must match its test tensor: an element is mismatched when
/// <c>|actual − expected| &gt; AbsoluteTolerance + RelativeTolerance·|expected|</c>, and the output fails when more than
/// <see cref="MismatchedElementsPerMillion"/> elements per million are mismatched.
/// </summary>
/// <param name="RelativeTolerance">rtol.</param>
/// <param name="AbsoluteTolerance">atol.</param>
/// <param name="MismatchedElementsPerMillion">The allowed mismatched elements per million.</param>
/// <param name="Source">Where the values come from, for messages, e.g. <c>config.bioimageio.reproducibility_tolerance[0]</c>.</param>
public sealed record ReproductionTolerance(double RelativeTolerance, double AbsoluteTolerance, double MismatchedElementsPerMillion, string Source)
{
    /// <summary>
    /// The tolerance bioimageio.core uses for <paramref name="outputId"/> with <paramref name="weightsFormat"/>: format 0.5 takes the
    /// first <c>config.bioimageio.reproducibility_tolerance</c> entry whose <c>output_ids</c> and <c>weights_formats</c> match
    /// (empty lists match everything; absent fields take the defaults), else <c>config.bioimageio.test_kwargs.&lt;format&gt;</c>,
    /// else rtol 1e-3, atol 1e-3 (1e-4 before 0.5.7) and 100 ppm; format 0.4 takes <c>test_kwargs</c>, else rtol 1e-3,
    /// atol 1e-3 and 0 ppm. A <c>decimal: d</c> test kwarg means atol 1.5·10^−d and rtol 0.
    /// </summary>
    /// <param name="description">The (converted) description; its <c>config</c> is read.</param>
    /// <param name="sourceFormatVersion">The format_version as written (0.4 files are converted to 0.5 on reading).</param>
    /// <param name="outputId">The output tensor id.</param>
    /// <param name="weightsFormat">The weights format, e.g. <c>onnx</c>.</param>
    public static ReproductionTolerance For(ModelDescr description, string? sourceFormatVersion, string outputId, string weightsFormat)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(outputId);
        ArgumentNullException.ThrowIfNull(weightsFormat);
        var version = sourceFormatVersion ?? description.FormatVersion;
        var isV04 = version.StartsWith("0.4", StringComparison.Ordinal);
        var defaultAtol = isV04 || MinorPatchAtLeast(version, 5, 7) ? 1e-3 : 1e-4;
        var defaults = isV04
            ? new ReproductionTolerance(1e-3, 1e-3, 0, "defaults for format 0.4")
            : new ReproductionTolerance(1e-3, defaultAtol, 100, $"defaults for format {version}");
        var bioimageio = description.Config?["bioimageio"] as SpecMap;
        if (!isV04 && bioimageio?["reproducibility_tolerance"] is SpecList entries)
        {
            for (var i = 0; i < entries.Items.Count; i++)
            {
                if (entries.Items[i] is not SpecMap entry) continue;
                if (!Matches(entry["output_ids"], outputId) || !Matches(entry["weights_formats"], weightsFormat)) continue;
                return new ReproductionTolerance(
                    Number(entry["relative_tolerance"]) ?? 1e-3, Number(entry["absolute_tolerance"]) ?? defaultAtol,
                    Number(entry["mismatched_elements_per_million"]) ?? 100, $"config.bioimageio.reproducibility_tolerance[{i}]");
            }
        }
        if (bioimageio?["test_kwargs"] is SpecMap testKwargs && testKwargs[weightsFormat] is SpecMap kwargs)
        {
            var source = $"config.bioimageio.test_kwargs.{weightsFormat}";
            if (Number(kwargs["decimal"]) is { } decimals)
                return new ReproductionTolerance(0, 1.5 * Math.Pow(10, -decimals), Number(kwargs["mismatched_elements_per_million"]) ?? defaults.MismatchedElementsPerMillion, source);
            return new ReproductionTolerance(
                Number(kwargs["relative_tolerance"]) ?? defaults.RelativeTolerance, Number(kwargs["absolute_tolerance"]) ?? defaults.AbsoluteTolerance,
                Number(kwargs["mismatched_elements_per_million"]) ?? defaults.MismatchedElementsPerMillion, source);
        }
        return defaults;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"atol {AbsoluteTolerance:G3} + rtol {RelativeTolerance:G3}·|expected|, at most {MismatchedElementsPerMillion:G6} ppm ({Source})");

    private static bool Matches(SpecValue? list, string value) => list switch
    {
        null or SpecNull => true,
        SpecList l => l.Items.Count == 0 || l.Items.Any(v => v is SpecString s && s.Value == value),
        SpecString s => s.Value == value,
        _ => false,
    };

    private static double? Number(SpecValue? value) => value switch
    {
        SpecFloat f => f.Value,
        SpecInt i => i.Value,
        _ => null,
    };

    private static bool MinorPatchAtLeast(string version, int minor, int patch)
    {
        var parts = version.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mi)) return true;
        if (mi != minor) return mi > minor;
        var pa = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        return pa >= patch;
    }
}

/// <summary>The comparison of one reproduced output with its test tensor.</summary>
/// <param name="OutputId">The output tensor id.</param>
/// <param name="Elements">Number of compared elements.</param>
/// <param name="Mismatched">Elements outside the tolerance.</param>
/// <param name="MismatchedPerMillion">Mismatched elements per million.</param>
/// <param name="MaxAbsoluteDifference">The largest |actual − expected| (float32 values), NaN when a side is NaN.</param>
/// <param name="MaxRelativeDifference">The largest |actual − expected| / |expected| over elements with expected ≠ 0.</param>
/// <param name="Tolerance">The tolerance applied.</param>
/// <param name="Passed">Whether the output reproduces (shapes equal and ppm within the allowance).</param>
public sealed record ReproductionFigures(string OutputId, long Elements, long Mismatched, double MismatchedPerMillion,
    double MaxAbsoluteDifference, double MaxRelativeDifference, ReproductionTolerance Tolerance, bool Passed);
