using System.Numerics.Tensors;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Tiling;

/// <summary>
/// Merges block outputs into a whole-sample output: each block's <see cref="BlockMeta.LocalSlice"/> is multiplied by
/// its <see cref="BlendWindow"/> weights and added to a sum, the weights to a weight sum, and <see cref="Finish"/>
/// divides one by the other. With zero overlap every weight is 1 and every position is written by exactly one block,
/// which is plain crop-and-stitch. Work is done row by row with <see cref="TensorPrimitives"/>; the only
/// allocations are per block (one row of weights per axis), never per pixel.
/// <para>
/// A windowed accumulator (streaming) holds only <c>windowLength</c> positions along one axis, starting at
/// <see cref="WindowStart"/>: blocks must fall inside the window, <see cref="FinishRows"/> hands out the rows no later
/// block touches and slides the window on, keeping the overlap rows. Blend weights still follow the whole sample, so
/// the merged values equal those of an accumulator over the whole sample.
/// </para>
/// </summary>
public sealed class Accumulator
{
    private readonly int[] _shape;
    private readonly int[] _overlap;
    private readonly float[] _sum;
    private readonly float[] _weight;
    private readonly AxisId[] _axes;
    private readonly long[] _windowStrides;
    private readonly int[] _windowShape;
    private readonly int _windowAxis;
    private bool _finished;

    /// <summary>Starts an empty accumulation.</summary>
    /// <param name="sampleShape">Shape of the merged output (the blocks' <see cref="BlockMeta.SampleShape"/>).</param>
    /// <param name="axes">Axis names of the merged output.</param>
    /// <param name="overlap">Overlap of neighbouring inner regions per axis (<see cref="BlendWindow.Overlap"/>).</param>
    public Accumulator(ReadOnlySpan<int> sampleShape, ReadOnlySpan<AxisId> axes, ReadOnlySpan<int> overlap)
        : this(sampleShape, axes, overlap, 0, sampleShape.IsEmpty ? 0 : sampleShape[0])
    {
    }

    /// <summary>Starts an empty accumulation that holds <paramref name="windowLength"/> positions along <paramref name="windowAxis"/>.</summary>
    /// <param name="sampleShape">Shape of the merged output.</param>
    /// <param name="axes">Axis names of the merged output.</param>
    /// <param name="overlap">Overlap of neighbouring inner regions per axis.</param>
    /// <param name="windowAxis">The axis along which only a window is held.</param>
    /// <param name="windowLength">Positions held along <paramref name="windowAxis"/> (at most its size); the window starts at 0.</param>
    public Accumulator(ReadOnlySpan<int> sampleShape, ReadOnlySpan<AxisId> axes, ReadOnlySpan<int> overlap, int windowAxis, int windowLength)
    {
        if (axes.Length != sampleShape.Length || overlap.Length != sampleShape.Length)
            throw new ArgumentException($"sample rank {sampleShape.Length}, {axes.Length} axes and overlap rank {overlap.Length} must be equal");
        if (sampleShape.Length == 0) throw new ArgumentException("a scalar sample cannot be tiled", nameof(sampleShape));
        _shape = sampleShape.ToArray();
        _axes = axes.ToArray();
        _overlap = overlap.ToArray();
        ArgumentOutOfRangeException.ThrowIfNegative(windowAxis);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(windowAxis, sampleShape.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowLength, sampleShape[windowAxis]);
        _windowAxis = windowAxis;
        _windowShape = _shape.ToArray();
        _windowShape[windowAxis] = windowLength;
        long count = NdArray.ElementCount(_windowShape);
        _windowStrides = Strides(_windowShape);
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
        var held = inner[_windowAxis];
        if (held.Start < WindowStart || held.Stop > WindowStart + _windowShape[_windowAxis])
            throw new ArgumentException(
                $"block rows {held} along axis {_windowAxis} lie outside the window [{WindowStart}, {WindowStart + _windowShape[_windowAxis]})", nameof(block));
        var local = block.LocalSlice;
        var weights = new float[rank][];
        for (int d = 0; d < rank; d++)
        {
            weights[d] = new float[inner[d].Length];
            BlendWindow.Fill(weights[d], _overlap[d], inner[d].Start > 0, inner[d].Stop < _shape[d]);
        }

        var sampleStrides = _windowStrides;
        var blockStrides = Strides(blockShape.AsSpan());
        int rowLength = inner[rank - 1].Length;
        var rowWeights = new float[rowLength];
        var index = new int[rank - 1];
        long rows = 1;
        for (int d = 0; d < rank - 1; d++) rows *= inner[d].Length;
        for (long r = 0; r < rows; r++)
        {
            float outer = 1f;
            long sampleOffset = inner[rank - 1].Start - (_windowAxis == rank - 1 ? WindowStart : 0);
            long blockOffset = local[rank - 1].Start;
            for (int d = 0; d < rank - 1; d++)
            {
                outer *= weights[d][index[d]];
                sampleOffset += (inner[d].Start - (d == _windowAxis ? WindowStart : 0) + index[d]) * sampleStrides[d];
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

    /// <summary>The first sample position along the window axis that the accumulator holds.</summary>
    public int WindowStart { get; private set; }

    /// <summary>Number of positions held along the window axis.</summary>
    public int WindowLength => _windowShape[_windowAxis];

    /// <summary>Bytes the accumulator holds (sum and weight buffers).</summary>
    public long Bytes => 2L * sizeof(float) * _sum.Length;

    /// <summary>Bytes of a windowed accumulator for <paramref name="sampleShape"/>, without making one (for plans).</summary>
    public static long BytesFor(ReadOnlySpan<int> sampleShape, int windowAxis, int windowLength) =>
        2L * sizeof(float) * (NdArray.ElementCount(sampleShape) / sampleShape[windowAxis] * windowLength);

    /// <summary>
    /// Merges the held rows <c>[WindowStart, stop)</c> along the window axis, returns them as a new array and slides the
    /// window to start at <paramref name="stop"/>: rows after it move to the front, the freed rows start empty.
    /// Call it once no later block touches a row before <paramref name="stop"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">When a returned position was not covered by any block.</exception>
    public NdArray<float> FinishRows(int stop)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        int length = _windowShape[_windowAxis];
        ArgumentOutOfRangeException.ThrowIfLessThan(stop, WindowStart + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stop, Math.Min(WindowStart + length, _shape[_windowAxis]));
        int rows = stop - WindowStart;
        var shape = _shape.ToArray();
        shape[_windowAxis] = rows;
        var result = new NdArray<float>(shape, _axes);
        long inner = _windowStrides[_windowAxis];
        long outer = _sum.Length / (inner * length);
        int done = (int)(rows * inner);
        int kept = (int)((length - rows) * inner);
        for (long o = 0; o < outer; o++)
        {
            int start = (int)(o * length * inner);
            var sum = _sum.AsSpan(start, (int)(length * inner));
            var weight = _weight.AsSpan(start, (int)(length * inner));
            int uncovered = weight[..done].IndexOf(0f);
            if (uncovered >= 0)
                throw new InvalidOperationException($"output element {uncovered} of rows {WindowStart}..{stop} was not covered by any block; the plan leaves gaps");
            TensorPrimitives.Divide(sum[..done], weight[..done], result.Span.Slice((int)(o * done), done));
            sum[done..].CopyTo(sum);
            weight[done..].CopyTo(weight);
            sum[kept..].Clear();
            weight[kept..].Clear();
        }
        WindowStart = stop;
        return result;
    }

    /// <summary>The weight sum per output position (for checks: every position must be positive before <see cref="Finish"/>).</summary>
    public ReadOnlySpan<float> WeightSum => _weight;

    /// <summary>Divides the weighted sum by the weight sum and returns the merged output; the accumulator is spent afterwards.</summary>
    /// <exception cref="InvalidOperationException">When some position was not covered by any block.</exception>
    public NdArray<float> Finish()
    {
        if (WindowStart != 0 || _windowShape[_windowAxis] != _shape[_windowAxis])
            throw new InvalidOperationException("a windowed accumulator is read with FinishRows");
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
