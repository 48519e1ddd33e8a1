using System.Text.RegularExpressions;

namespace ModelZooBridge.Cli.Commands.Predict;

/// <summary>A value of <c>--input</c> or <c>--axes</c>: <c>VALUE</c> for every input, or <c>ID=VALUE</c> for the model input <c>ID</c>.</summary>
/// <param name="Id">The input id, or null when the value is for every input.</param>
/// <param name="Value">The path or axes.</param>
internal sealed partial record InputArgument(string? Id, string Value)
{
    /// <summary>
    /// Splits <c>ID=VALUE</c> where ID looks like a bioimage.io tensor id and the whole text is not an existing file
    /// (paths may contain '=' too); anything else is a plain value.
    /// </summary>
    public static InputArgument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Tagged().Match(text);
        return match.Success && !File.Exists(text) && !Directory.Exists(text)
            ? new InputArgument(match.Groups[1].Value, match.Groups[2].Value)
            : new InputArgument(null, text);
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_.\-]*)=(.+)$")]
    private static partial Regex Tagged();
}
