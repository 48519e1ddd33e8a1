using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// Computed measures. Each value is a float32 array with the measured tensor's axes, size 1 on every reduced axis
/// (numpy <c>keepdims=True</c>), so it broadcasts by axis name against any tensor that has the kept axes.
/// </summary>
public sealed class Stats
{
    private readonly Dictionary<Measure, NdArray<float>> _values;

    /// <summary>Wraps computed values.</summary>
    public Stats(IReadOnlyDictionary<Measure, NdArray<float>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<Measure, NdArray<float>>(values);
    }

    /// <summary>No measures.</summary>
    public static Stats Empty { get; } = new(new Dictionary<Measure, NdArray<float>>());

    /// <summary>The measures held.</summary>
    public IReadOnlyCollection<Measure> Measures => _values.Keys;

    /// <summary>The value of a measure.</summary>
    /// <exception cref="KeyNotFoundException">When it was not computed.</exception>
    public NdArray<float> this[Measure measure] =>
        _values.TryGetValue(measure, out var value)
            ? value
            : throw new KeyNotFoundException($"measure {measure} was not computed; the op's RequiredMeasures must be passed to StatsCalculator");
}
