using System.Globalization;
using System.Text;

namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Which raw label value became which class index. Binary masks map raw 0 to class 0 and raw 255 to class 1
/// (for the ISBI 2012 sample, class 0 is membrane and class 1 cell interior); integer labels keep their value
/// as the class index. The mapping is explicit so a report can say exactly what the network was taught.
/// </summary>
public sealed class LabelMapping
{
    /// <summary>The largest class count <see cref="LabelEncoding.Auto"/> accepts without an explicit count.</summary>
    public const int MaxAutoClassCount = 32;

    private readonly int[] _classOfRaw;

    private LabelMapping(LabelEncoding encoding, IReadOnlyList<int> rawValues)
    {
        Encoding = encoding;
        RawValues = rawValues;
        _classOfRaw = new int[rawValues.Max() + 1];
        Array.Fill(_classOfRaw, -1);
        for (int c = 0; c < rawValues.Count; c++) _classOfRaw[rawValues[c]] = c;
    }

    /// <summary>The resolved encoding: <see cref="LabelEncoding.Binary"/> or <see cref="LabelEncoding.Classes"/>.</summary>
    public LabelEncoding Encoding { get; }

    /// <summary>The raw value of each class, indexed by class.</summary>
    public IReadOnlyList<int> RawValues { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => RawValues.Count;

    /// <summary>Raw 0 → class 0, raw 255 → class 1.</summary>
    public static LabelMapping Binary { get; } = new(LabelEncoding.Binary, [0, 255]);

    /// <summary>Raw value = class index for <paramref name="classCount"/> classes.</summary>
    public static LabelMapping Classes(int classCount)
    {
        if (classCount is < 2 or > 256) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "class count must be within 2..256");
        return new(LabelEncoding.Classes, Enumerable.Range(0, classCount).ToArray());
    }

    /// <summary>
    /// Chooses the mapping for the distinct raw values found in each label file, and checks every file against it.
    /// </summary>
    /// <param name="requested">The encoding asked for.</param>
    /// <param name="classCount">The class count for integer labels, or null to take the largest value + 1 (at most <see cref="MaxAutoClassCount"/>).</param>
    /// <param name="valuesByFile">Each label file with the distinct values it holds.</param>
    /// <exception cref="TrainingDataException">Naming the first file with a value the mapping cannot take.</exception>
    public static LabelMapping Resolve(LabelEncoding requested, int? classCount, IReadOnlyList<(string Path, IReadOnlySet<int> Values)> valuesByFile)
    {
        var all = valuesByFile.SelectMany(f => f.Values).ToHashSet();
        bool looksBinary = all.Contains(255) && all.All(v => v is 0 or 255);
        var encoding = requested == LabelEncoding.Auto ? (looksBinary ? LabelEncoding.Binary : LabelEncoding.Classes) : requested;
        LabelMapping mapping;
        if (encoding == LabelEncoding.Binary) mapping = Binary;
        else if (classCount is int count) mapping = Classes(count);
        else
        {
            int largest = all.Count == 0 ? 1 : all.Max();
            if (largest >= MaxAutoClassCount)
            {
                var file = valuesByFile.First(f => f.Values.Contains(largest));
                throw new TrainingDataException($"{file.Path}: label value {largest} is unexpected: labels must be binary 0/255 or class indices 0..{MaxAutoClassCount - 1} (give the class count for more classes)");
            }
            mapping = Classes(Math.Max(2, largest + 1));
        }
        foreach (var (path, values) in valuesByFile)
        {
            foreach (int value in values.Order())
            {
                if (!mapping.Contains(value))
                    throw new TrainingDataException($"{path}: label value {value} is unexpected for {mapping.Summary}");
            }
        }
        return mapping;
    }

    /// <summary>True when <paramref name="raw"/> is one of <see cref="RawValues"/>.</summary>
    public bool Contains(int raw) => (uint)raw < (uint)_classOfRaw.Length && _classOfRaw[raw] >= 0;

    /// <summary>Maps raw values to class indices.</summary>
    /// <exception cref="TrainingDataException">Naming <paramref name="path"/> and the first value not in the mapping.</exception>
    public void Map(string path, ReadOnlySpan<int> raw, Span<byte> classes)
    {
        if (raw.Length != classes.Length) throw new ArgumentException($"{raw.Length} raw values for {classes.Length} classes", nameof(classes));
        for (int i = 0; i < raw.Length; i++)
        {
            int value = raw[i];
            int c = (uint)value < (uint)_classOfRaw.Length ? _classOfRaw[value] : -1;
            if (c < 0) throw new TrainingDataException($"{path}: label value {value} is unexpected for {Summary}");
            classes[i] = (byte)c;
        }
    }

    /// <summary>One phrase: "binary labels 0/255" or "integer classes 0..K−1".</summary>
    public string Summary => Encoding == LabelEncoding.Binary ? "binary labels 0/255" : $"integer classes 0..{ClassCount - 1}";

    /// <summary>A report line per class: its raw value and, when given, its share of the pixels.</summary>
    public string Describe(IReadOnlyList<long>? pixelCounts = null)
    {
        var text = new StringBuilder(Summary).Append(':');
        long total = pixelCounts?.Sum() ?? 0;
        for (int c = 0; c < ClassCount; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $" raw {RawValues[c]} → class {c}");
            if (pixelCounts is not null && total > 0)
                text.Append(CultureInfo.InvariantCulture, $" ({100.0 * pixelCounts[c] / total:F1}% of pixels)");
            text.Append(c + 1 < ClassCount ? ',' : '.');
        }
        return text.ToString();
    }
}
