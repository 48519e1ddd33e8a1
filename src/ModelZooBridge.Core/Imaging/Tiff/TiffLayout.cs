using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Ifd;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// How the planes of the result map to pages and samples. Each outer axis has a size, a page stride and a
/// sample stride: plane (i0, i1, …) reads sample <c>Σ ik·SampleStride[k]</c> of page <c>Σ ik·PageStride[k]</c>.
/// </summary>
internal sealed class TiffLayout
{
    /// <summary>Outer axes, slowest first (then y and x follow).</summary>
    public required AxisId[] OuterAxes { get; init; }
    /// <summary>Sizes of the outer axes.</summary>
    public required int[] OuterShape { get; init; }
    /// <summary>Page index step per outer axis.</summary>
    public required long[] PageStrides { get; init; }
    /// <summary>Sample index step per outer axis.</summary>
    public required int[] SampleStrides { get; init; }
    /// <summary>The pages the planes come from, in page-index order.</summary>
    public required TiffPage[] Pages { get; init; }
    /// <summary>Physical calibration.</summary>
    public required Calibration Calibration { get; init; }

    /// <summary>The page and sample holding plane <paramref name="index"/> (C order over the outer axes).</summary>
    public (TiffPage Page, int Sample) Locate(long index)
    {
        long page = 0;
        int sample = 0;
        for (int k = OuterShape.Length - 1; k >= 0; k--)
        {
            long i = index % OuterShape[k];
            index /= OuterShape[k];
            page += i * PageStrides[k];
            sample += (int)i * SampleStrides[k];
        }
        return (Pages[page], sample);
    }

    /// <summary>Builds the layout from outer axes given slowest first; axes of size 1 are dropped.</summary>
    public static TiffLayout Create(IEnumerable<(char Axis, int Size, long PageStride, int SampleStride)> outer, TiffPage[] pages, Calibration calibration)
    {
        var kept = outer.Where(a => a.Size > 1).ToArray();
        return new TiffLayout
        {
            OuterAxes = kept.Select(a => new AxisId(a.Axis.ToString())).ToArray(),
            OuterShape = kept.Select(a => a.Size).ToArray(),
            PageStrides = kept.Select(a => a.PageStride).ToArray(),
            SampleStrides = kept.Select(a => a.SampleStride).ToArray(),
            Pages = pages,
            Calibration = calibration,
        };
    }
}
