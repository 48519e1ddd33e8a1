namespace ModelZooBridge.Metrics;

/// <summary>
/// Pixel counts of a semantic segmentation: entry (t, p) counts the pixels whose true class is t and whose
/// predicted class is p. It grows when a label beyond its classes arrives, so images can be counted one at a
/// time without knowing the class count in advance.
/// </summary>
public sealed class ConfusionMatrix
{
    /// <summary>The largest class count accepted; more classes mean an instance label image, not semantic classes.</summary>
    public const int MaxClasses = 1024;

    private long[] _counts;

    /// <summary>An empty matrix of <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, MaxClasses);
        ClassCount = classCount;
        _counts = new long[classCount * classCount];
    }

    /// <summary>The number of classes (rows and columns).</summary>
    public int ClassCount { get; private set; }

    /// <summary>Pixels whose true class is <paramref name="truth"/> and predicted class is <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _counts[truth * ClassCount + predicted];

    /// <summary>All counted pixels.</summary>
    public long Total => _counts.Sum();

    /// <summary>Pixels predicted as their true class.</summary>
    public long Correct
    {
        get
        {
            long sum = 0;
            for (int k = 0; k < ClassCount; k++) sum += this[k, k];
            return sum;
        }
    }

    /// <summary>
    /// Counts a pair of label images of equal length. A negative truth label marks a pixel to ignore;
    /// any other label must be below <see cref="MaxClasses"/>.
    /// </summary>
    /// <exception cref="ArgumentException">When the lengths differ or a label is out of range.</exception>
    public void Add(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"label images differ in length: truth {truth.Length}, prediction {predicted.Length}", nameof(predicted));
        int highest = Math.Max(MaxOf(truth), MaxOf(predicted));
        if (highest >= ClassCount) GrowTo(highest + 1);
        int n = ClassCount;
        var counts = _counts.AsSpan();
        for (int i = 0; i < truth.Length; i++)
        {
            int t = truth[i];
            if (t < 0) continue;
            int p = predicted[i];
            if (p < 0) throw new ArgumentException($"negative predicted label {p}", nameof(predicted));
            counts[t * n + p]++;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> (e.g. to sum the matrices of several images).</summary>
    public void Add(ConfusionMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ClassCount > ClassCount) GrowTo(other.ClassCount);
        for (int t = 0; t < other.ClassCount; t++)
        {
            for (int p = 0; p < other.ClassCount; p++) _counts[t * ClassCount + p] += other[t, p];
        }
    }

    /// <summary>Widens the matrix to <paramref name="classCount"/> classes (new rows and columns are zero); never shrinks.</summary>
    public void GrowTo(int classCount)
    {
        if (classCount <= ClassCount) return;
        if (classCount > MaxClasses)
            throw new ArgumentException($"label {classCount - 1} exceeds the {MaxClasses} classes a semantic segmentation may have (an instance label image?)", nameof(classCount));
        var grown = new long[classCount * classCount];
        for (int t = 0; t < ClassCount; t++) _counts.AsSpan(t * ClassCount, ClassCount).CopyTo(grown.AsSpan(t * classCount));
        _counts = grown;
        ClassCount = classCount;
    }

    /// <summary>A copy that can be grown or added to independently.</summary>
    public ConfusionMatrix Clone()
    {
        var copy = new ConfusionMatrix(ClassCount);
        _counts.CopyTo(copy._counts, 0);
        return copy;
    }

    private static int MaxOf(ReadOnlySpan<int> labels) => labels.IsEmpty ? -1 : System.Numerics.Tensors.TensorPrimitives.Max(labels);
}
