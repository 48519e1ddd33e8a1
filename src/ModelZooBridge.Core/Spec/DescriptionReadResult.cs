namespace ModelZooBridge.Spec;

/// <summary>
/// Outcome of reading a model description: the normalised 0.5 description (null when any
/// <see cref="Severity.Error"/> issue was found) and every issue, in document order.
/// </summary>
/// <param name="Description">The description as format 0.5, or null when unusable.</param>
/// <param name="Issues">All issues found while reading and converting.</param>
/// <param name="SourceFormatVersion">The <c>format_version</c> written in the file, when it could be read.</param>
public sealed record DescriptionReadResult(ModelDescr? Description, EquatableArray<SpecIssue> Issues, string? SourceFormatVersion)
{
    /// <summary>True when at least one issue has severity <see cref="Severity.Error"/>.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == Severity.Error);

    /// <summary>The issues with severity <see cref="Severity.Error"/>.</summary>
    public IEnumerable<SpecIssue> Errors => Issues.Where(i => i.Severity == Severity.Error);
}
