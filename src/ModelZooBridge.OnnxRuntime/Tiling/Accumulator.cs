using System.Numerics.Tensors;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Merges block outputs into a whole-sample output: each block's <see cref="BlockMeta.LocalSlice"/> is multiplied by
/// its <see cref="BlendWindow"/> weights and added to a sum, the weights to a weight sum, and <see cref="Finish"/>
/// divides one by the other. With zero overlap every weight is 1 and every position is written by exactly one block,
/// which is plain crop-and-stitch. Work is done row by row with <see cref="TensorPrimitives"/>; the only
/// allocations are per block (one row of weights per axis), never per pixel.
/// </summary>
public sealed class Accumulator
{
    private readonly int[] _shape;
    private readonly int[] _overlap;
    private readonly float[] _sum;
    private readonly float[] _weight;
    private readonly AxisId[] _axes;
    private readonly long[] _sampleStrides;
    private bool _finished;

    /// <summary>Starts an empty accumulation.</summary>
    /// <param name="sampleShape">Shape of the merged output (the blocks' <see cref="BlockMeta.SampleShape"/>).</param>
    /// <param name="axes">Axis names of the merged output.</param>
    /// <param name="overlap">Overlap of neighbouring inner regions per axis (<see cref="BlendWindow.Overlap"/>).</param>
    public Accumulator(ReadOnlySpan<int> sampleShape, ReadOnlySpan<AxisId> axes, ReadOnlySpan<int> overlap)
    {
        if (axes.Length != sampleShape.Length || overlap.Length != sampleShape.Length)
            throw new ArgumentException($"sample rank {sampleShape.Length}, {axes.Length} axes and overlap rank {overlap.Length} must be equal");
        if (sampleShape.Length == 0) throw new ArgumentException("a scalar sample cannot be tiled", nameof(sampleShape));
        _shape = sampleShape.ToArray();
        _axes = axes.ToArray();
        _overlap = overlap.ToArray();
        long count = NdArray.ElementCount(sampleShape);
        _sampleStrides = Strides(_shape);
        _sum = new float[count];
        _weight = new float[count];
    }

    /// <summary>Adds one block's output.</summary>
    /// <param name="block">The block's place in the output sample.</param>
    /// <param name="output">The model output for this block in C order, shaped <see cref="BlockMeta.Shape"/> (e.g. one slot of a batch).</param>
    public void Add(BlockMeta block, ReadOnlySpan<float> output)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(_finished, this);
        int rank = _shape.Length;
        if (block.Rank != rank || !block.SampleShape.AsSpan().SequenceEqual(_shape))
            throw new ArgumentException($"block belongs to a sample [{string.Join(",", block.SampleShape)}], not [{string.Join(",", _shape)}]", nameof(block));
        var blockShape = block.Shape;
        if (output.Length != NdArray.ElementCount(blockShape.AsSpan()))
            throw new ArgumentException($"output holds {output.Length} elements, block [{string.Join(",", blockShape)}] needs {NdArray.ElementCount(blockShape.AsSpan())}", nameof(output));

        var inner = block.InnerSlice;
        var local = block.LocalSlice;
        var weights = new float[rank][];
        for (int d = 0; d < rank; d++)
        {
            weights[d] = new float[inner[d].Length];
            BlendWindow.Fill(weights[d], _overlap[d], inner[d].Start > 0, inner[d].Stop < _shape[d]);
        }

        var sampleStrides = _sampleStrides;
        var blockStrides = Strides(blockShape.AsSpan());
        int rowLength = inner[rank - 1].Length;
        var rowWeights = new float[rowLength];
        var index = new int[rank - 1];
        long rows = 1;
        for (int d = 0; d < rank - 1; d++) rows *= inner[d].Length;
        for (long r = 0; r < rows; r++)
        {
            float outer = 1f;
            long sampleOffset = inner[rank - 1].Start;
            long blockOffset = local[rank - 1].Start;
            for (int d = 0; d < rank - 1; d++)
            {
                outer *= weights[d][index[d]];
                sampleOffset += (inner[d].Start + index[d]) * sampleStrides[d];
                blockOffset += (local[d].Start + index[d]) * blockStrides[d];
            }
            TensorPrimitives.Multiply(weights[rank - 1], outer, rowWeights);
            var sum = _sum.AsSpan((int)sampleOffset, rowLength);
            var weight = _weight.AsSpan((int)sampleOffset, rowLength);
            TensorPrimitives.MultiplyAdd(output.Slice((int)blockOffset, rowLength), rowWeights, sum, sum);
            TensorPrimitives.Add(weight, rowWeights, weight);
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < inner[d].Length) break;
                index[d] = 0;
            }
        }
    }

    /// <summary>The weight sum per output position (for checks: every position must be positive before <see cref="Finish"/>).</summary>
    public ReadOnlySpan<float> WeightSum => _weight;

    /// <summary>Divides the weighted sum by the weight sum and returns the merged output; the accumulator is spent afterwards.</summary>
    /// <exception cref="InvalidOperationException">When some position was not covered by any block.</exception>
    public NdArray<float> Finish()
    {
        int uncovered = _weight.AsSpan().IndexOf(0f);
        if (uncovered >= 0)
            throw new InvalidOperationException($"output element {uncovered} was not covered by any block; the plan leaves gaps");
        // In place: the sum buffer becomes the result, so merging costs no second image-sized allocation.
        ObjectDisposedException.ThrowIf(_finished, this);
        TensorPrimitives.Divide(_sum, _weight, _sum);
        _finished = true;
        return new NdArray<float>(_sum, _shape, _axes);
    }

    private static long[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }
}
