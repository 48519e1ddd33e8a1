using System.Globalization;
using System.Text;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// The <c>key=value</c> lines ImageJ keeps in the first page's ImageDescription tag: the hyperstack's
/// dimensions (pages are ordered channel fastest, then slice, then frame) and the parts of the calibration
/// that have no TIFF tag. Pixel width and height live in the XResolution/YResolution tags.
/// </summary>
/// <param name="Images">Number of pages (<c>images=</c>).</param>
/// <param name="Channels">Channels (<c>channels=</c>), 1 when absent.</param>
/// <param name="Slices">Z slices (<c>slices=</c>), 1 when absent.</param>
/// <param name="Frames">Time frames (<c>frames=</c>), 1 when absent.</param>
/// <param name="Unit">Spatial unit (<c>unit=</c>), or null.</param>
/// <param name="Spacing">Z spacing (<c>spacing=</c>), or null.</param>
/// <param name="FrameInterval">Time between frames (<c>finterval=</c>), or null.</param>
/// <param name="TimeUnit">Time unit (<c>tunit=</c>), or null.</param>
/// <param name="Version">The writing ImageJ's version (<c>ImageJ=</c>).</param>
public sealed record ImageJDescription(
    int Images,
    int Channels = 1,
    int Slices = 1,
    int Frames = 1,
    string? Unit = null,
    double? Spacing = null,
    double? FrameInterval = null,
    string? TimeUnit = null,
    string Version = "1.11a")
{
    /// <summary>Parses a description; null when it is not ImageJ's (no leading <c>ImageJ=</c> line).</summary>
    public static ImageJDescription? TryParse(string? description)
    {
        if (description is null || !description.StartsWith("ImageJ=", StringComparison.Ordinal)) return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in description.Split('\n'))
        {
            int eq = line.IndexOf('=');
            if (eq > 0) values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        int Int(string key, int fallback) =>
            values.TryGetValue(key, out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
        double? Real(string key) =>
            values.TryGetValue(key, out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
        string? Text(string key) => values.TryGetValue(key, out var s) && s.Length > 0 ? s : null;

        int channels = Int("channels", 1), slices = Int("slices", 1), frames = Int("frames", 1);
        return new ImageJDescription(
            Images: Int("images", channels * slices * frames),
            Channels: channels,
            Slices: slices,
            Frames: frames,
            Unit: Text("unit"),
            Spacing: Real("spacing"),
            FrameInterval: Real("finterval"),
            TimeUnit: Text("tunit"),
            Version: values["ImageJ"]);
    }

    /// <summary>The description text as ImageJ writes it, ending in a newline.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        void Line(string key, object value) => text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Line("ImageJ", Version);
        Line("images", Images);
        if (Channels > 1) Line("channels", Channels);
        if (Slices > 1) Line("slices", Slices);
        if (Frames > 1) Line("frames", Frames);
        if (Channels > 1 || Slices > 1 && Frames > 1 || Channels * Slices * Frames != Images) Line("hyperstack", "true");
        if (Unit is not null) Line("unit", Unit);
        if (Spacing is { } spacing) Line("spacing", spacing.ToString("R", CultureInfo.InvariantCulture));
        if (FrameInterval is { } interval) Line("finterval", interval.ToString("R", CultureInfo.InvariantCulture));
        if (TimeUnit is not null) Line("tunit", TimeUnit);
        Line("loop", "false");
        return text.ToString();
    }
}
