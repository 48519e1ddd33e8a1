using System.Globalization;
using System.Text;

namespace ModelZooBridge.Torch.Training;

/// <summary>Draws training and validation loss against epochs as a self-contained SVG (no scripts, no fonts to load).</summary>
public static class LossCurveSvg
{
    private const double Width = 640, Height = 400, Left = 60, Right = 20, Top = 20, Bottom = 50;

    /// <summary>The chart for the given epochs; an empty chart with axes when there are none.</summary>
    public static string Render(IReadOnlyList<EpochRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var losses = records.SelectMany(r => new[] { r.TrainLoss, r.ValidationLoss }).Where(double.IsFinite).ToArray();
        double yMax = losses.Length == 0 ? 1 : NiceCeiling(losses.Max());
        int xMax = Math.Max(1, records.Count == 0 ? 1 : records[^1].Epoch);
        double X(double epoch) => Left + (Width - Left - Right) * epoch / xMax;
        double Y(double loss) => Height - Bottom - (Height - Top - Bottom) * loss / yMax;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""");
        svg.Append('\n').Append("""<rect width="100%" height="100%" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture,
            $"""<path d="M{Left},{Top}V{Height - Bottom}H{Width - Right}" fill="none" stroke="black"/>""").Append('\n');
        for (int i = 0; i <= 4; i++)
        {
            double value = yMax * i / 4;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{Left - 6}" y="{Y(value) + 4:0.#}" text-anchor="end">{value:G3}</text>""").Append('\n');
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Height - Bottom + 18}" text-anchor="middle">0</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(xMax):0.#}" y="{Height - Bottom + 18}" text-anchor="middle">{xMax}</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{(Left + Width - Right) / 2}" y="{Height - 12}" text-anchor="middle">epoch</text>""").Append('\n');
        Line(svg, records.Select(r => (X(r.Epoch), r.TrainLoss, Y(r.TrainLoss))), "#1f77b4", "train loss", 0);
        Line(svg, records.Select(r => (X(r.Epoch), r.ValidationLoss, Y(r.ValidationLoss))), "#d62728", "validation loss", 1);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, IEnumerable<(double X, double Value, double Y)> points, string colour, string label, int legendRow)
    {
        var finite = points.Where(p => double.IsFinite(p.Value)).ToArray();
        if (finite.Length == 0) return;
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="2" points="{string.Join(' ', finite.Select(p => FormattableString.Invariant($"{p.X:0.##},{p.Y:0.##}")))}"/>""").Append('\n');
        double y = Top + 12 + 16 * legendRow;
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Width - 170}" y1="{y - 4}" x2="{Width - 150}" y2="{y - 4}" stroke="{colour}" stroke-width="2"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - 144}" y="{y}">{label}</text>""").Append('\n');
    }

    /// <summary>The smallest of 1, 2, 2.5 or 5 times a power of ten at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in (double[])[1, 2, 2.5, 5, 10])
        {
            if (m * power >= value) return m * power;
        }
        return 10 * power;
    }
}
