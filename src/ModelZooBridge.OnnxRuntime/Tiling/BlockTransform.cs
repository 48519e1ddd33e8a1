using System.Collections.Immutable;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Maps input blocks to the output blocks the model produces for them (bioimage.io core's <c>get_block_transform</c>
/// and <c>BlockMeta.get_transformed</c>, re-derived). Along a tiled axis with factor <c>f</c> and offset <c>c</c>
/// an input block of size <c>B</c> yields <c>B·f + c</c> output pixels: its inner slice scaled by <c>f</c>, and each
/// halo scaled by <c>f</c> minus the <c>−c/2</c> pixels the model already cropped. The merged output covers
/// <c>size·f</c> pixels (the whole image; a whole-image run of a cropping model covers <c>size·f + c</c>).
/// </summary>
public static class BlockTransform
{
    /// <summary>The input halo for an output halo (spec: <c>halo · axis.scale / ref.scale</c> must be an integer).</summary>
    /// <param name="outputHalo">The output axis' declared halo.</param>
    /// <param name="factor">Output pixels per input pixel.</param>
    public static int InputHalo(int outputHalo, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputHalo);
        return Exact(outputHalo / factor, $"output halo {outputHalo} at factor {factor}");
    }

    /// <summary>Shape of the merged output for an input sample shape.</summary>
    public static ImmutableArray<int> OutputSampleShape(ReadOnlySpan<int> inputSampleShape, IReadOnlyList<OutputAxisMap> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var shape = ImmutableArray.CreateBuilder<int>(maps.Count);
        foreach (var map in maps)
        {
            shape.Add(map.IsWhole ? map.Offset : Exact(inputSampleShape[Check(map, inputSampleShape.Length)] * map.Factor, $"input size at factor {map.Factor}"));
        }
        return shape.MoveToImmutable();
    }

    /// <summary>The output block the model produces for <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">
    /// When a scaled position is not an integer, the offset is odd, or the model crops more than the block's halo
    /// (the output inner regions would leave gaps).
    /// </exception>
    public static BlockMeta ToOutput(BlockMeta input, IReadOnlyList<OutputAxisMap> maps)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sample = OutputSampleShape(input.SampleShape.AsSpan(), maps);
        var inner = ImmutableArray.CreateBuilder<SliceInfo>(maps.Count);
        var halo = ImmutableArray.CreateBuilder<Halo>(maps.Count);
        for (int a = 0; a < maps.Count; a++)
        {
            var map = maps[a];
            if (map.IsWhole)
            {
                inner.Add(new SliceInfo(0, map.Offset));
                halo.Add(Halo.None);
                continue;
            }
            int d = map.InputAxis;
            if (map.Offset % 2 != 0)
                throw new ArgumentException($"output axis {a}: offset {map.Offset} does not split evenly between the two sides", nameof(maps));
            var slice = input.InnerSlice[d];
            var h = input.Halo[d];
            string what = $"output axis {a} (input axis {d}, factor {map.Factor})";
            int start = Exact(slice.Start * map.Factor, what);
            int stop = Math.Min(Exact(slice.Stop * map.Factor, what), sample[a]);
            int left = Exact(h.Left * map.Factor, what) + map.Offset / 2;
            int right = Exact(h.Right * map.Factor, what) + map.Offset / 2;
            if (left < 0 || right < 0)
                throw new ArgumentException(
                    $"{what}: the model crops {-map.Offset / 2} px per side, more than the block halo ({h.Left}, {h.Right}) gives; enlarge the input halo", nameof(maps));
            inner.Add(new SliceInfo(start, stop));
            halo.Add(new Halo(left, right));
        }
        return new BlockMeta(sample, inner.MoveToImmutable(), halo.MoveToImmutable(), input.BlockIndex, input.BlocksInSample);
    }

    private static int Check(OutputAxisMap map, int rank) =>
        map.InputAxis < rank && map.Factor > 0
            ? map.InputAxis
            : throw new ArgumentException($"output axis map {map} does not fit an input of rank {rank} (factor must be > 0)", nameof(map));

    private static int Exact(double value, string what)
    {
        double rounded = Math.Round(value);
        if (Math.Abs(value - rounded) > 1e-9)
            throw new ArgumentException($"{what}: {value} is not a whole number of pixels");
        return checked((int)rounded);
    }
}
