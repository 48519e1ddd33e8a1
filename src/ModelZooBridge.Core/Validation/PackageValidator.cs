using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;
using ModelZooBridge.Validation.Checks;

namespace ModelZooBridge.Validation;

/// <summary>
/// Validates a bioimage.io model package (folder, zip or description file) statically: the description against the
/// format rules, then every referenced file (presence, sha256, test tensors, covers, documentation, ONNX weights).
/// A bad package never throws: every problem is a <see cref="ValidationEntry"/> of the returned report.
/// </summary>
public static class PackageValidator
{
    /// <summary>Validates the package at <paramref name="packagePath"/>.</summary>
    /// <param name="packagePath">A package folder, a zip, or a description file (rdf.yaml, *.bioimageio.yaml).</param>
    /// <param name="options">Validation options; null for the defaults (static only).</param>
    /// <param name="progress">Receives one line per long step (hashing, reading tensors and weights).</param>
    /// <param name="cancellationToken">Cancels between files and between chunks of large files.</param>
    /// <returns>The report; <see cref="ValidationStatus.Failed"/> when any check reported an error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="packagePath"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ValidationReport Validate(string packagePath, ValidationOptions? options = null, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packagePath);
        options ??= new ValidationOptions();
        var entries = new List<ValidationEntry>();
        string? descriptionFile = null;
        string? formatVersion = null;
        ModelPackage? package = null;
        try
        {
            progress?.Report($"opening {packagePath}");
            try
            {
                package = ModelPackage.Open(packagePath);
                descriptionFile = package.DescriptionFileName;
            }
            catch (Exception e) when (e is PackageException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or NotSupportedException)
            {
                entries.Add(Unreadable(packagePath, e));
                return Finish(packagePath, null, null, entries);
            }
            byte[] bytes;
            try
            {
                bytes = package.ReadDescriptionBytes();
            }
            catch (Exception e) when (e is PackageException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                entries.Add(Unreadable(packagePath, e));
                return Finish(packagePath, descriptionFile, null, entries);
            }
            var read = ModelDescrReader.Read(bytes, descriptionFile);
            formatVersion = read.SourceFormatVersion;
            foreach (var issue in read.Issues)
                entries.Add(new ValidationEntry(CheckCatalogue.ForReaderCode(issue.Code), issue.Severity, issue.Message, issue.Location));
            if (read.Description is { } description)
            {
                var ctx = new ValidationContext(package, description, formatVersion ?? description.FormatVersion, bytes, read.Issues.ToList(), cancellationToken);
                RunChecks(ctx, progress);
                foreach (var entry in ctx.Entries)
                    if (!entries.Any(x => x.CheckId == entry.CheckId && x.Location?.FieldPath == entry.Location?.FieldPath))
                        entries.Add(entry);
            }
        }
        finally
        {
            package?.Dispose();
        }
        if (!options.StaticOnly)
            entries.Add(new ValidationEntry("reproduction.not-run", Severity.Info,
                "reproduction of the test outputs needs ONNX Runtime (ModelValidator in ModelZooBridge.OnnxRuntime): only static checks ran", null));
        else
            entries.Add(new ValidationEntry("reproduction.not-run", Severity.Info, "static validation only: the test outputs were not reproduced", null));
        return Finish(packagePath, descriptionFile, formatVersion, entries);
    }

    private static void RunChecks(ValidationContext ctx, IProgress<string>? progress)
    {
        var tensors = TensorView.All(ctx.Description);
        TensorChecks.Run(ctx, tensors);
        ProcessingChecks.Run(ctx, tensors);
        WeightsChecks.Run(ctx);
        var files = FileChecks.Collect(ctx.Description, tensors);
        var present = FileChecks.Run(ctx, files, progress);
        // Reading file content can still hit a broken zip entry (bad CRC, truncated data): report it against that file.
        Guarded(ctx, "documentation", () => ContentChecks.Run(ctx, present));
        Guarded(ctx, "inputs", () => TestTensorChecks.Run(ctx, tensors, present, progress));
        Guarded(ctx, "weights.onnx.source", () => OnnxChecks.Run(ctx, tensors, present, progress));
    }

    private static void Guarded(ValidationContext ctx, string fieldPath, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is PackageException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            ctx.Add("file.invalid-reference", $"a referenced file cannot be read: {e.Message}", fieldPath);
        }
    }

    private static ValidationEntry Unreadable(string packagePath, Exception e) =>
        new("package.unreadable", Severity.Error, e is PackageException pe ? $"cannot open package '{packagePath}': {pe.Problem}" : $"cannot open package '{packagePath}': {e.Message}",
            new Location(packagePath, 0, 0, ""));

    private static ValidationReport Finish(string packagePath, string? descriptionFile, string? formatVersion, List<ValidationEntry> entries)
    {
        if (!entries.Any(e => e.CheckId == "reproduction.not-run"))
            entries.Add(new ValidationEntry("reproduction.not-run", Severity.Info, "static validation only: the test outputs were not reproduced", null));
        var status = entries.Any(e => e.Severity == Severity.Error) ? ValidationStatus.Failed : ValidationStatus.ValidFormat;
        return new ValidationReport(packagePath, descriptionFile, formatVersion, status, entries.AsReadOnly(), ReproductionRun: false);
    }
}
