using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;
using ModelZooBridge.Validation;

namespace ModelZooBridge.OnnxRuntime.Validation;

/// <summary>
/// Full validation of a model package: the static checks of <see cref="PackageValidator"/>, then, unless
/// <see cref="ValidationOptions.StaticOnly"/>, the reproduction of the test outputs through ONNX Runtime
/// (<see cref="ReproductionTest"/>). As in bioimageio.core, nothing is run when the static checks fail. The status is
/// <see cref="ValidationStatus.Passed"/> when the package is statically valid and every output reproduces,
/// <see cref="ValidationStatus.Failed"/> on any error, and <see cref="ValidationStatus.ValidFormat"/> when reproduction
/// was not possible (static only, no ONNX weights, no test tensors).
/// </summary>
public static class ModelValidator
{
    /// <summary>Validates the package at <paramref name="packagePath"/>.</summary>
    /// <param name="packagePath">A package folder, a zip, or a description file.</param>
    /// <param name="options">Options; null for the defaults (static only).</param>
    /// <param name="progress">Receives one line per long step.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <exception cref="DllNotFoundException">Reproduction was asked for and ONNX Runtime cannot be loaded.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ValidationReport Validate(string packagePath, ValidationOptions? options = null, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packagePath);
        options ??= new ValidationOptions();
        var report = PackageValidator.Validate(packagePath, options with { StaticOnly = true }, progress, cancellationToken);
        if (options.StaticOnly)
            return report;
        if (report.Status == ValidationStatus.Failed)
            return Replace(report, [new ValidationEntry("reproduction.not-run", Severity.Info,
                "the static checks failed, so the test outputs were not reproduced", null)], ValidationStatus.Failed, null);

        ReproductionOutcome outcome;
        using (var package = ModelPackage.Open(packagePath))
        {
            var read = ModelDescrReader.Read(package.ReadDescriptionBytes(), package.DescriptionFileName);
            if (read.Description is not { } description)
                throw new InvalidOperationException($"'{packagePath}' passed the static checks but its description no longer reads");
            outcome = ReproductionTest.Run(package, description, read.SourceFormatVersion, options.IntraOpThreads, progress, cancellationToken);
        }
        var status = report.Status == ValidationStatus.Failed || outcome.Entries.Any(e => e.Severity == Severity.Error)
            ? ValidationStatus.Failed
            : outcome.Passed ? ValidationStatus.Passed : ValidationStatus.ValidFormat;
        return Replace(report, outcome.Entries, status, outcome);
    }

    private static ValidationReport Replace(ValidationReport report, IReadOnlyList<ValidationEntry> reproduction, ValidationStatus status, ReproductionOutcome? outcome)
    {
        var entries = report.Entries.Where(e => e.CheckId != "reproduction.not-run").Concat(reproduction).ToList().AsReadOnly();
        return report with
        {
            Entries = entries,
            Status = status,
            ReproductionRun = outcome?.Ran ?? false,
            Reproduction = outcome?.Figures ?? [],
            SizeRuns = outcome?.SizeRuns ?? [],
            ReproductionElapsed = outcome is { Ran: true } ? outcome.Elapsed : null,
        };
    }
}
