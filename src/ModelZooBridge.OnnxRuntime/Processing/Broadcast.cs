using System.Numerics.Tensors;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.OnnxRuntime.Processing;

/// <summary>
/// Row-wise elementwise kernels with parameters that broadcast by axis name (a parameter's axes must be among the
/// tensor's, each of size 1 or the tensor's size). Rows run along the tensor's last axis through
/// <see cref="TensorPrimitives"/>; parameter rows are gathered into one scratch row each, so nothing is allocated per element.
/// </summary>
internal static class Broadcast
{
    /// <summary>A parameter aligned to a tensor: its data and one stride per tensor axis (0 where it broadcasts).</summary>
    internal readonly struct Aligned
    {
        public Aligned(NdArray<float> parameter, NdArray x)
        {
            Data = parameter.Memory;
            Strides = new long[x.Rank];
            var own = new long[parameter.Rank];
            long stride = 1;
            for (int d = parameter.Rank - 1; d >= 0; d--)
            {
                own[d] = stride;
                stride *= parameter.Shape[d];
            }
            for (int d = 0; d < parameter.Rank; d++)
            {
                int target = x.IndexOf(parameter.Axes[d]);
                if (target < 0)
                {
                    if (parameter.Shape[d] != 1)
                        throw new ArgumentException($"parameter axis '{parameter.Axes[d]}' (size {parameter.Shape[d]}) is missing from the tensor with axes '{x.AxesString}'");
                    continue;
                }
                if (parameter.Shape[d] != 1 && parameter.Shape[d] != x.Shape[target])
                    throw new ArgumentException($"parameter has {parameter.Shape[d]} values along axis '{parameter.Axes[d]}', the tensor has size {x.Shape[target]}");
                Strides[target] = parameter.Shape[d] == 1 ? 0 : own[d];
            }
        }

        public ReadOnlyMemory<float> Data { get; }

        public long[] Strides { get; }

        /// <summary>Writes this parameter's values for the row starting at parameter offset <paramref name="offset"/>.</summary>
        public void Row(long offset, Span<float> row)
        {
            long step = Strides.Length == 0 ? 0 : Strides[^1];
            var data = Data.Span;
            if (step == 0) row.Fill(data[(int)offset]);
            else if (step == 1) data.Slice((int)offset, row.Length).CopyTo(row);
            else for (int i = 0; i < row.Length; i++) row[i] = data[(int)(offset + i * step)];
        }
    }

    /// <summary>Calls <paramref name="rowAction"/> for every row of the last axis with the row offset and each parameter's row offset.</summary>
    public static void ForEachRow(ReadOnlySpan<int> shape, Aligned[] parameters, Action<long, long[]> rowAction)
    {
        int rank = shape.Length;
        long count = NdArray.ElementCount(shape);
        int rowLength = rank == 0 ? 1 : shape[rank - 1];
        if (count == 0) return;
        long rows = count / rowLength;
        var index = new int[Math.Max(0, rank - 1)];
        var offsets = new long[parameters.Length];
        for (long r = 0; r < rows; r++)
        {
            for (int p = 0; p < parameters.Length; p++)
            {
                long offset = 0;
                for (int d = 0; d < rank - 1; d++) offset += index[d] * parameters[p].Strides[d];
                offsets[p] = offset;
            }
            rowAction(r * rowLength, offsets);
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
    }

    /// <summary><c>((x − shift) · multiply / divide) + add</c>; null parameters are skipped.</summary>
    public static NdArray<float> Affine(NdArray x, NdArray<float>? shift, NdArray<float>? multiply, NdArray<float>? divide, NdArray<float>? add)
    {
        var input = x.ToFloat32();
        var result = new NdArray<float>(input.Shape.AsSpan(), input.Axes.AsSpan());
        input.Span.CopyTo(result.Span);
        NdArray<float>?[] given = [shift, multiply, divide, add];
        var present = given.Select(p => p is null ? (Aligned?)null : new Aligned(p, input)).ToArray();
        var aligned = present.Where(p => p.HasValue).Select(p => p!.Value).ToArray();
        int rowLength = input.Rank == 0 ? 1 : input.Shape[^1];
        var scratch = new float[rowLength];
        var memory = result.Memory;
        ForEachRow(input.Shape.AsSpan(), aligned, (offset, parameterOffsets) =>
        {
            var row = memory.Span.Slice((int)offset, rowLength);
            int k = 0;
            for (int p = 0; p < present.Length; p++)
            {
                if (present[p] is not { } parameter) continue;
                parameter.Row(parameterOffsets[k++], scratch);
                switch (p)
                {
                    case 0: TensorPrimitives.Subtract(row, scratch, row); break;
                    case 1: TensorPrimitives.Multiply(row, scratch, row); break;
                    case 2: TensorPrimitives.Divide(row, scratch, row); break;
                    default: TensorPrimitives.Add(row, scratch, row); break;
                }
            }
        });
        return result;
    }

    /// <summary>A parameter of one value, or of one value per index of <paramref name="axis"/>.</summary>
    public static NdArray<float> Values(IReadOnlyList<double> values, AxisId? axis, Func<double, double>? transform = null)
    {
        var data = values.Select(v => (float)(transform is null ? v : transform(v))).ToArray();
        if (data.Length == 0) throw new ArgumentException("no values", nameof(values));
        if (axis is { } a && data.Length > 1) return new NdArray<float>(data, [data.Length], [a]);
        if (data.Length > 1) throw new ArgumentException($"{data.Length} values need an axis", nameof(values));
        return new NdArray<float>(data, [], []);
    }

    /// <summary>Elementwise transform of a keepdims parameter (new array).</summary>
    public static NdArray<float> Map(NdArray<float> parameter, Func<float, float> transform)
    {
        var result = new NdArray<float>(parameter.Shape.AsSpan(), parameter.Axes.AsSpan());
        var source = parameter.Span;
        var target = result.Span;
        for (int i = 0; i < source.Length; i++) target[i] = transform(source[i]);
        return result;
    }
}
