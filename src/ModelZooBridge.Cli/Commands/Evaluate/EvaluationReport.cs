using System.Text;
using System.Text.Json;
using ModelZooBridge.Metrics;

namespace ModelZooBridge.Cli.Commands.Evaluate;

/// <summary>Renders an <see cref="EvaluationSummary"/> as a text table, TSV rows or JSON; the table and TSV share one row list.</summary>
public sealed class EvaluationReport(EvaluationSummary summary, IReadOnlyList<string> classNames, IReadOnlyList<ImagePairs.Pair> pairs)
{
    /// <summary>The label of the rows scored from the summed confusion matrices.</summary>
    public const string OverallRow = "overall";

    /// <summary>The label of the rows averaged over images.</summary>
    public const string MeanRow = "mean-over-images";

    private static readonly string[] Columns = ["image", "class", "iou", "dice", "precision", "recall", "pixel_accuracy"];

    /// <summary>A plain-text table: one row per image and class, then the overall and mean rows; "n/a" where a score is undefined.</summary>
    public string ToTable()
    {
        var rows = Rows("n/a").ToList();
        var header = new[] { "image", "class", "IoU", "F1/Dice", "precision", "recall", "pixel acc." };
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        Line(header);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in rows) Line(row);
        return text.ToString().TrimEnd();
    }

    /// <summary>Tab-separated rows with a header (<c>image class iou dice precision recall pixel_accuracy</c>); NaN where undefined.</summary>
    public string ToTsv() => string.Join("\n", new[] { Columns }.Concat(Rows("NaN")).Select(r => string.Join('\t', r)));

    /// <summary>JSON: classes, per image (paths, scores, confusion matrix), overall and the mean over images; null where undefined.</summary>
    public string ToJson() => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("classes");
        foreach (var name in classNames) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartArray("images");
        for (int i = 0; i < pairs.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", pairs[i].Name);
            json.WriteString("prediction", pairs[i].Prediction);
            json.WriteString("truth", pairs[i].Truth);
            WriteScores(json, summary.PerImage[i], summary.Matrices[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject(OverallRow);
        WriteScores(json, summary.Overall, summary.OverallMatrix);
        json.WriteEndObject();
        json.WriteStartObject(MeanRow);
        WriteScores(json, summary.MeanOverImages, null);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private IEnumerable<string[]> Rows(string nan)
    {
        IEnumerable<string[]> Block(string label, SegmentationScores scores) =>
            Enumerable.Range(0, scores.ClassCount).Select(k => new[]
            {
                label, classNames[k],
                EvaluateCommandDefinition.Format(scores.Iou[k], nan), EvaluateCommandDefinition.Format(scores.Dice[k], nan),
                EvaluateCommandDefinition.Format(scores.Precision[k], nan), EvaluateCommandDefinition.Format(scores.Recall[k], nan),
                EvaluateCommandDefinition.Format(scores.PixelAccuracy, nan),
            });
        var rows = Enumerable.Range(0, pairs.Count).SelectMany(i => Block(pairs[i].Name, summary.PerImage[i]));
        rows = rows.Concat(Block(OverallRow, summary.Overall));
        return pairs.Count > 1 ? rows.Concat(Block(MeanRow, summary.MeanOverImages)) : rows;
    }

    private void WriteScores(Utf8JsonWriter json, SegmentationScores scores, ConfusionMatrix? matrix)
    {
        WriteNumber(json, "pixel_accuracy", scores.PixelAccuracy);
        WriteNumber(json, "mean_iou", scores.MeanIou);
        WriteNumber(json, "mean_dice", scores.MeanDice);
        if (matrix is not null) json.WriteNumber("pixels", matrix.Total);
        json.WriteStartArray("per_class");
        for (int k = 0; k < scores.ClassCount; k++)
        {
            json.WriteStartObject();
            json.WriteNumber("label", k);
            json.WriteString("name", classNames[k]);
            WriteNumber(json, "iou", scores.Iou[k]);
            WriteNumber(json, "dice", scores.Dice[k]);
            WriteNumber(json, "precision", scores.Precision[k]);
            WriteNumber(json, "recall", scores.Recall[k]);
            if (matrix is not null)
            {
                var counts = ClassScores.Of(matrix, k);
                json.WriteNumber("true_positives", counts.TruePositives);
                json.WriteNumber("false_positives", counts.FalsePositives);
                json.WriteNumber("false_negatives", counts.FalseNegatives);
                json.WriteNumber("support", counts.Support);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (matrix is null) return;
        json.WriteStartArray("confusion_matrix");
        for (int t = 0; t < matrix.ClassCount; t++)
        {
            json.WriteStartArray();
            for (int p = 0; p < matrix.ClassCount; p++) json.WriteNumberValue(matrix[t, p]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value)) json.WriteNull(name);
        else json.WriteNumber(name, value);
    }
}
