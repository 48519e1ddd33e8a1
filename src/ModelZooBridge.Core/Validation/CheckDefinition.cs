using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation;

/// <summary>One kind of finding the validator can report.</summary>
/// <param name="Id">Stable dotted kebab-case id, e.g. <c>axes.duplicate-id</c>.</param>
/// <param name="Severity">The severity entries of this check get (description-reader findings keep the reader's severity).</param>
/// <param name="Title">What the check means, one line.</param>
/// <param name="HowToFix">What the package author should change.</param>
public sealed record CheckDefinition(string Id, Severity Severity, string Title, string HowToFix);
