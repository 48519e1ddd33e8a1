using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>The fields of a 0.4 tensor as written, before conversion to 0.5 axes.</summary>
internal sealed class V04Tensor
{
    public required string Name { get; init; }
    public required YNode Node { get; init; }
    public required string Path { get; init; }
    public required string Axes { get; init; }
    public string Description { get; init; } = "";
    public string DataType { get; init; } = "float32";
    public (double? Min, double? Max) Range { get; init; }

    /// <summary>Explicit shape; null for a parameterized or implicit shape.</summary>
    public int[]? Fixed { get; init; }
    public int[]? Min { get; init; }
    public int[]? Step { get; init; }
    public string? ReferenceTensor { get; init; }
    public double?[]? Scale { get; init; }
    public double[]? Offset { get; init; }
    public int[]? Halo { get; init; }
    public YNode? ShapeNode { get; init; }
    public YNode? HaloNode { get; init; }
    public List<YNode> Processing { get; init; } = [];
    public string ProcessingPath { get; init; } = "";

    /// <summary>Size of the axis at <paramref name="index"/> when it is known without a reference (fixed or minimum).</summary>
    public int? KnownSize(int index) =>
        Fixed is not null && index < Fixed.Length ? Fixed[index]
        : Min is not null && index < Min.Length ? Min[index]
        : null;

    /// <summary>0.5 axis id for a 0.4 axis letter.</summary>
    public static string AxisIdOf(char letter) => letter switch
    {
        'b' => "batch",
        'c' => "channel",
        'i' => "index",
        't' => "time",
        _ => letter.ToString(),
    };
}
