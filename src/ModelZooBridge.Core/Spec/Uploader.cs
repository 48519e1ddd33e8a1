namespace ModelZooBridge.Spec;

/// <summary><c>uploader</c>: <c>{email, name}</c>.</summary>
/// <param name="Email"><c>email</c> (required).</param>
/// <param name="Name"><c>name</c>.</param>
public sealed record Uploader(string Email, string? Name = null);
