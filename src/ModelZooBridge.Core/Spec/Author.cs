namespace ModelZooBridge.Spec;

/// <summary>An entry of <c>authors</c> / <c>packaged_by</c> / weights <c>authors</c>.</summary>
/// <param name="Name"><c>name</c> (required).</param>
/// <param name="Affiliation"><c>affiliation</c>.</param>
/// <param name="Email"><c>email</c>.</param>
/// <param name="Orcid"><c>orcid</c> (e.g. <c>0000-0001-6562-7187</c>).</param>
/// <param name="GithubUser"><c>github_user</c>.</param>
public sealed record Author(string Name, string? Affiliation = null, string? Email = null, string? Orcid = null, string? GithubUser = null);
