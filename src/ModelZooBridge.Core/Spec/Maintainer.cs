namespace ModelZooBridge.Spec;

/// <summary>An entry of <c>maintainers</c>.</summary>
/// <param name="GithubUser"><c>github_user</c> (required).</param>
/// <param name="Name"><c>name</c>.</param>
/// <param name="Affiliation"><c>affiliation</c>.</param>
/// <param name="Email"><c>email</c>.</param>
/// <param name="Orcid"><c>orcid</c>.</param>
public sealed record Maintainer(string GithubUser, string? Name = null, string? Affiliation = null, string? Email = null, string? Orcid = null);
