using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// A statistic a processing op needs (bioimage.io core's <c>stat_measures</c>): what is measured, of which tensor,
/// reduced over which axes. The scope is in the type: <c>Sample*</c> measures describe one sample,
/// <c>Dataset*</c> measures all samples seen; core treats a reduction whose axes are omitted or include
/// <c>batch</c> as dataset-scoped (spec §7). For a single sample both are computed alike by
/// <see cref="StatsCalculator"/>. Records compare by value, so a measure required twice is computed once.
/// </summary>
/// <param name="TensorId">The measured tensor (member id).</param>
/// <param name="Axes">The reduced axes; <c>null</c> reduces all axes. Axes not listed are kept.</param>
public abstract record Measure(string TensorId, EquatableArray<AxisId>? Axes)
{
    /// <summary>The batch axis id as written in 0.5 descriptions.</summary>
    public static readonly AxisId BatchAxis = new("batch");

    /// <summary>True for dataset-scoped measures.</summary>
    public abstract bool IsDatasetScoped { get; }

    /// <summary>The mean with the scope core would use for these axes.</summary>
    public static Measure Mean(string tensorId, EquatableArray<AxisId>? axes) =>
        IsDatasetReduction(axes) ? new DatasetMean(tensorId, axes) : new SampleMean(tensorId, axes);

    /// <summary>The population standard deviation with the scope core would use for these axes.</summary>
    public static Measure Std(string tensorId, EquatableArray<AxisId>? axes) =>
        IsDatasetReduction(axes) ? new DatasetStd(tensorId, axes) : new SampleStd(tensorId, axes);

    /// <summary>A percentile (0–100) with the scope core would use for these axes.</summary>
    public static Measure Percentile(string tensorId, EquatableArray<AxisId>? axes, double percent) =>
        IsDatasetReduction(axes) ? new DatasetPercentile(tensorId, axes, percent) : new SamplePercentile(tensorId, axes, percent);

    private static bool IsDatasetReduction(EquatableArray<AxisId>? axes) => axes is not { } list || list.Contains(BatchAxis);
}
