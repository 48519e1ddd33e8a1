namespace ModelZooBridge.Spec;

/// <summary>One problem found while reading or checking a description.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="Code">Stable machine-readable code in snake_case, e.g. <c>wrong_type</c>.</param>
/// <param name="Message">Human-readable explanation stating what was expected and what was found.</param>
/// <param name="Severity">How serious the problem is.</param>
public sealed record SpecIssue(Location Location, string Code, string Message, Severity Severity)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()} [{Code}] {Message}";
}
