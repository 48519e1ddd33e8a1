using System.Collections.Immutable;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging;

/// <summary>
/// What an image file holds, known before any pixel is read. Images are streamed plane by plane: a plane is
/// the trailing two dimensions (normally <c>y,x</c>), and planes are numbered in C order over the leading ones.
/// </summary>
public sealed record ImageInfo
{
    /// <summary>Describes an image.</summary>
    public ImageInfo(DType dtype, ImmutableArray<int> shape, ImmutableArray<AxisId> axes, Calibration? calibration = null)
    {
        if (shape.Length != axes.Length)
            throw new ArgumentException($"{axes.Length} axis names for {shape.Length} dimensions", nameof(axes));
        DType = dtype;
        Shape = shape;
        Axes = axes;
        Calibration = calibration ?? Calibration.None;
    }

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <summary>Size of each dimension.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>Name of each dimension.</summary>
    public ImmutableArray<AxisId> Axes { get; }

    /// <summary>Physical pixel size and time step.</summary>
    public Calibration Calibration { get; init; }

    /// <summary>Axes as a compact string, e.g. <c>"tzcyx"</c>.</summary>
    public string AxesString => AxisId.Format(Axes);

    /// <summary>Number of leading dimensions that index planes.</summary>
    public int OuterRank => Math.Max(0, Shape.Length - 2);

    /// <summary>Number of planes.</summary>
    public long PlaneCount => NdArray.ElementCount(Shape.AsSpan(0, OuterRank));

    /// <summary>Elements in one plane.</summary>
    public long PlaneLength => NdArray.ElementCount(Shape.AsSpan()[OuterRank..]);

    /// <summary>Bytes in one plane.</summary>
    public long PlaneBytes => PlaneLength * DType.SizeOf();

    /// <summary>Bytes of the whole image.</summary>
    public long TotalBytes => PlaneBytes * PlaneCount;

    /// <inheritdoc/>
    public override string ToString() => $"{DType.Name()}[{string.Join(",", Shape)}] {AxesString}";
}
