using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelZooBridge.IO;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// A run's epoch log: <c>log.csv</c> (spreadsheets), <c>log.jsonl</c> (machines; the record of truth) and
/// <c>loss.svg</c> (the loss curves), all rewritten atomically after each epoch so an interrupted run leaves them whole.
/// </summary>
public sealed class TrainingLog
{
    /// <summary>File names inside the run folder.</summary>
    public const string CsvName = "log.csv", JsonLinesName = "log.jsonl", SvgName = "loss.svg";

    private readonly string _folder;
    private readonly List<EpochRecord> _records;

    private TrainingLog(string folder, List<EpochRecord> records)
    {
        _folder = folder;
        _records = records;
    }

    /// <summary>The epochs logged so far.</summary>
    public IReadOnlyList<EpochRecord> Records => _records;

    /// <summary>Starts a new log in <paramref name="folder"/>, replacing any old one.</summary>
    public static TrainingLog Create(string folder) => new(folder, []);

    /// <summary>
    /// Continues the log of a resumed run: keeps the epochs up to <paramref name="lastEpoch"/> (the checkpoint's), dropping
    /// any logged after it, so the resumed run's log reads as if it had never stopped.
    /// </summary>
    /// <exception cref="InvalidDataException">When <c>log.jsonl</c> is not a log this class wrote.</exception>
    public static TrainingLog Resume(string folder, int lastEpoch)
    {
        var log = new TrainingLog(folder, [.. Read(folder).Where(r => r.Epoch <= lastEpoch)]);
        log.WriteFiles();
        return log;
    }

    /// <summary>The epochs in <paramref name="folder"/>'s <c>log.jsonl</c>; empty when there is none.</summary>
    /// <exception cref="InvalidDataException">When <c>log.jsonl</c> is not a log this class wrote.</exception>
    public static IReadOnlyList<EpochRecord> Read(string folder)
    {
        var path = Path.Combine(folder, JsonLinesName);
        var records = new List<EpochRecord>();
        if (!File.Exists(path)) return records;
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0) continue;
            try
            {
                records.Add(Parse(text));
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}:{line}: not an epoch record ({error.Message})");
            }
        }
        return records;
    }

    /// <summary>Adds an epoch and rewrites the three files.</summary>
    public void Append(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.Add(record);
        WriteFiles();
    }

    private void WriteFiles()
    {
        WriteText(JsonLinesName, string.Concat(_records.Select(r => ToJson(r) + "\n")));
        WriteText(CsvName, ToCsv(_records));
        WriteText(SvgName, LossCurveSvg.Render(_records));
    }

    private void WriteText(string name, string text)
    {
        using var file = AtomicFile.Create(Path.Combine(_folder, name));
        file.Stream.Write(Encoding.UTF8.GetBytes(text));
        file.Commit();
    }

    private static string ToCsv(IReadOnlyList<EpochRecord> records)
    {
        int classes = records.Count == 0 ? 0 : records.Max(r => r.IoU.Count);
        var text = new StringBuilder("epoch,step,seconds,learning_rate,train_loss,validation_loss");
        for (int c = 0; c < classes; c++) text.Append(CultureInfo.InvariantCulture, $",iou_{c}");
        for (int c = 0; c < classes; c++) text.Append(CultureInfo.InvariantCulture, $",f1_{c}");
        text.Append(",data_wait_share\n");
        foreach (var r in records)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Epoch},{r.Step},{Number(r.Seconds)},{Number(r.LearningRate)},{Number(r.TrainLoss)},{Number(r.ValidationLoss)}");
            for (int c = 0; c < classes; c++) text.Append(',').Append(c < r.IoU.Count ? Number(r.IoU[c]) : "");
            for (int c = 0; c < classes; c++) text.Append(',').Append(c < r.F1.Count ? Number(r.F1[c]) : "");
            text.Append(',').Append(Number(r.DataWaitShare)).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string ToJson(EpochRecord r)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", r.Epoch);
            json.WriteNumber("step", r.Step);
            json.WriteNumber("seconds", r.Seconds);
            json.WriteNumber("learning_rate", r.LearningRate);
            json.WriteNumber("train_loss", r.TrainLoss);
            if (double.IsNaN(r.ValidationLoss)) json.WriteNull("validation_loss");
            else json.WriteNumber("validation_loss", r.ValidationLoss);
            WriteArray(json, "iou", r.IoU);
            WriteArray(json, "f1", r.F1);
            json.WriteNumber("data_wait_share", r.DataWaitShare);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsNaN(v)) json.WriteNullValue();
            else json.WriteNumberValue(v);
        }
        json.WriteEndArray();
    }

    private static EpochRecord Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        static double Value(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();
        return new EpochRecord(
            root.GetProperty("epoch").GetInt32(),
            root.GetProperty("step").GetInt64(),
            root.GetProperty("seconds").GetDouble(),
            root.GetProperty("learning_rate").GetDouble(),
            root.GetProperty("train_loss").GetDouble(),
            Value(root.GetProperty("validation_loss")),
            [.. root.GetProperty("iou").EnumerateArray().Select(Value)],
            [.. root.GetProperty("f1").EnumerateArray().Select(Value)],
            root.GetProperty("data_wait_share").GetDouble());
    }
}
