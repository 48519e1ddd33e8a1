using System.Text.Json;

namespace ModelZooBridge.Imaging.Tiff.Metadata;

/// <summary>
/// tifffile's "shaped" ImageDescription, <c>{"shape": [2, 3, 64, 64], "axes": "TZYX", ...}</c>, which tifffile
/// writes with <c>metadata={'axes': ...}</c> and which <see cref="TiffWriter"/> writes for dtypes ImageJ cannot hold.
/// Only descriptions whose axes are all among T, Z, C, S (samples), Y, X, ending in Y, X (then optionally S) are used.
/// </summary>
internal sealed record ShapedDescription(char[] Axes, int[] Shape, string? Unit, double? Spacing, double? FrameInterval, string? TimeUnit)
{
    /// <summary>Parses the description; null when it is not a usable shaped description.</summary>
    public static ShapedDescription? TryParse(string? description)
    {
        if (description is null || !description.TrimStart().StartsWith('{')) return null;
        try
        {
            using var json = JsonDocument.Parse(description, new JsonDocumentOptions { MaxDepth = 8 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("axes", out var axesElement) || axesElement.ValueKind != JsonValueKind.String)
                return null;
            var axes = axesElement.GetString()!.ToLowerInvariant().ToCharArray();
            var shape = shapeElement.EnumerateArray().Select(e => e.TryGetInt32(out int v) && v > 0 ? v : -1).ToArray();
            if (axes.Length != shape.Length || shape.Contains(-1) || axes.Distinct().Count() != axes.Length) return null;
            if (axes.Any(a => "tzcsyx".IndexOf(a) < 0)) return null;
            var planeTail = new string(axes[^Math.Min(3, axes.Length)..]);
            if (!(planeTail.EndsWith("yx") || planeTail == "yxs")) return null;
            return new ShapedDescription(axes, shape,
                Text(root, "unit"), Number(root, "spacing"), Number(root, "finterval"), Text(root, "tunit"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number) && number > 0 ? number : null;
}
