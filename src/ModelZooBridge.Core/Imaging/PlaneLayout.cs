using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging;

/// <summary>
/// Maps plane numbers between two images whose leading (plane-indexing) axes are the same names in a
/// different order, so a conversion can stream planes in the order the writer needs them.
/// </summary>
public sealed class PlaneLayout
{
    private readonly int[] _targetOuterShape;
    private readonly long[] _sourceStrideForTargetAxis;

    private PlaneLayout(int[] targetOuterShape, long[] sourceStrideForTargetAxis)
    {
        _targetOuterShape = targetOuterShape;
        _sourceStrideForTargetAxis = sourceStrideForTargetAxis;
    }

    /// <summary>
    /// The layout taking planes of <paramref name="source"/> to an image whose leading axes are
    /// <paramref name="targetOuterAxes"/>, a permutation of the source's leading axes.
    /// </summary>
    public static PlaneLayout Create(ImageInfo source, IReadOnlyList<AxisId> targetOuterAxes)
    {
        var sourceOuter = source.Axes.AsSpan()[..source.OuterRank].ToArray();
        if (targetOuterAxes.Count != sourceOuter.Length || targetOuterAxes.Except(sourceOuter).Any())
            throw new ArgumentException($"'{AxisId.Format(targetOuterAxes)}' is not a permutation of the plane axes '{AxisId.Format(sourceOuter)}'", nameof(targetOuterAxes));
        var sourceStrides = new long[sourceOuter.Length];
        long stride = 1;
        for (int i = sourceOuter.Length - 1; i >= 0; i--)
        {
            sourceStrides[i] = stride;
            stride *= source.Shape[i];
        }
        var shape = new int[sourceOuter.Length];
        var strides = new long[sourceOuter.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            int s = Array.IndexOf(sourceOuter, targetOuterAxes[i]);
            shape[i] = source.Shape[s];
            strides[i] = sourceStrides[s];
        }
        return new PlaneLayout(shape, strides);
    }

    /// <summary>The source plane that becomes target plane <paramref name="targetPlane"/>.</summary>
    public long SourcePlane(long targetPlane)
    {
        long source = 0;
        for (int i = _targetOuterShape.Length - 1; i >= 0; i--)
        {
            long index = targetPlane % _targetOuterShape[i];
            targetPlane /= _targetOuterShape[i];
            source += index * _sourceStrideForTargetAxis[i];
        }
        return source;
    }
}
