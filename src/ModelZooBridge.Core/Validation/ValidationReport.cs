using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation;

/// <summary>Overall outcome of a validation, with the meaning of the official bioimage.io summaries.</summary>
public enum ValidationStatus
{
    /// <summary>Every check passed and the test outputs were reproduced (only when reproduction ran).</summary>
    Passed,

    /// <summary>Every static and file check passed; reproduction of the test outputs was not run.</summary>
    ValidFormat,

    /// <summary>At least one check reported an error.</summary>
    Failed,
}

/// <summary>How to validate a package.</summary>
public sealed record ValidationOptions
{
    /// <summary>
    /// Only static and file checks (the default): the test inputs are not run through the model, so the status is at
    /// best <see cref="ValidationStatus.ValidFormat"/>. <see cref="PackageValidator"/> (Core, no inference engine) always
    /// validates statically; <c>ModelZooBridge.OnnxRuntime.Validation.ModelValidator</c> reproduces the test outputs when
    /// this is false.
    /// </summary>
    public bool StaticOnly { get; init; } = true;

    /// <summary>ONNX Runtime intra-op threads for the reproduction run (1 by default: validation is one small run).</summary>
    public int IntraOpThreads { get; init; } = 1;
}

/// <summary>One finding of the validator.</summary>
/// <param name="CheckId">Stable id from <see cref="CheckCatalogue"/>, e.g. <c>file.sha256-mismatch</c>.</param>
/// <param name="Severity">How serious the finding is; only <see cref="Severity.Error"/> fails a package.</param>
/// <param name="Message">What is wrong, naming the field or file and the values involved.</param>
/// <param name="Location">Where in the description (file, line and column when known, field path); null when not tied to a field.</param>
public sealed record ValidationEntry(string CheckId, Severity Severity, string Message, Location? Location)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} [{CheckId}] {Message}" + (Location is null ? "" : $" ({Location})");
}

/// <summary>The result of <see cref="PackageValidator.Validate"/>.</summary>
/// <param name="PackagePath">The package path as given.</param>
/// <param name="DescriptionFile">The description file inside the package, or null when none could be opened.</param>
/// <param name="FormatVersion">The <c>format_version</c> as written in the description, or null when unknown.</param>
/// <param name="Status">Overall status.</param>
/// <param name="Entries">Every finding, in check order.</param>
/// <param name="ReproductionRun">Whether the test inputs were run through the model and compared with the test outputs.</param>
public sealed record ValidationReport(
    string PackagePath, string? DescriptionFile, string? FormatVersion, ValidationStatus Status,
    IReadOnlyList<ValidationEntry> Entries, bool ReproductionRun)
{
    /// <summary>The comparison figures of each output when the test outputs were reproduced (empty otherwise).</summary>
    public IReadOnlyList<ReproductionFigures> Reproduction { get; init; } = [];

    /// <summary>The runs at other valid sizes and batch sizes (format 0.5 reproduction; empty otherwise).</summary>
    public IReadOnlyList<SizeRunFigures> SizeRuns { get; init; } = [];

    /// <summary>Wall-clock time of the reproduction run (loading the session, processing, inference, comparison).</summary>
    public TimeSpan? ReproductionElapsed { get; init; }

    /// <summary>The entries with severity <see cref="Severity.Error"/>.</summary>
    public IReadOnlyList<ValidationEntry> Errors => Entries.Where(e => e.Severity == Severity.Error).ToList();

    /// <summary>The entries with severity <see cref="Severity.Warning"/> or <see cref="Severity.Alert"/> (not the info notes).</summary>
    public IReadOnlyList<ValidationEntry> Warnings => Entries.Where(e => e.Severity is Severity.Warning or Severity.Alert).ToList();

    /// <summary>Whether any entry has the given check id.</summary>
    /// <param name="checkId">A catalogue id.</param>
    public bool Has(string checkId) => Entries.Any(e => e.CheckId == checkId);
}
