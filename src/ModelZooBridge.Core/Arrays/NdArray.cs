using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ModelZooBridge.Arrays;

/// <summary>
/// A dense n-dimensional array in C (row-major) order with a <see cref="DType"/> and one named axis per
/// dimension. The typed view is <see cref="NdArray{T}"/>; this base lets code handle any dtype without
/// generic plumbing. Arrays made in memory need no disposal; disposing one that views a memory-mapped
/// file releases the mapping.
/// </summary>
public abstract class NdArray : IDisposable
{
    private readonly IDisposable? _owner;

    private protected NdArray(DType dtype, ReadOnlySpan<int> shape, ReadOnlySpan<AxisId> axes, IDisposable? owner)
    {
        if (axes.Length != shape.Length)
            throw new ArgumentException($"{axes.Length} axis names for {shape.Length} dimensions", nameof(axes));
        for (int i = 0; i < axes.Length; i++)
        {
            if (shape[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(shape), $"dimension {i} is negative ({shape[i]})");
            for (int j = 0; j < i; j++)
            {
                if (axes[j] == axes[i])
                    throw new ArgumentException($"axis '{axes[i]}' appears twice in '{AxisId.Format(axes.ToArray())}'", nameof(axes));
            }
        }
        DType = dtype;
        Shape = shape.ToImmutableArray();
        Axes = axes.ToImmutableArray();
        Length = ElementCount(shape);
        _owner = owner;
    }

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <summary>Size of each dimension.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>Name of each dimension, in the same order as <see cref="Shape"/>.</summary>
    public ImmutableArray<AxisId> Axes { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>The elements' bytes in C order, little-endian.</summary>
    public abstract Span<byte> Bytes { get; }

    /// <summary>Axes as a compact string, e.g. <c>"zyx"</c>.</summary>
    public string AxesString => AxisId.Format(Axes);

    /// <summary>Creates a zero-filled array.</summary>
    /// <param name="dtype">Element type.</param>
    /// <param name="shape">Size of each dimension.</param>
    /// <param name="axes">Axis names; <see cref="AxisId.DefaultFor"/> the rank when omitted.</param>
    public static NdArray Create(DType dtype, ReadOnlySpan<int> shape, ReadOnlySpan<AxisId> axes = default)
    {
        var names = axes.IsEmpty && !shape.IsEmpty ? AxisId.DefaultFor(shape.Length) : axes;
        return dtype switch
        {
            DType.Bool => new NdArray<bool>(shape, names),
            DType.UInt8 => new NdArray<byte>(shape, names),
            DType.Int8 => new NdArray<sbyte>(shape, names),
            DType.UInt16 => new NdArray<ushort>(shape, names),
            DType.Int16 => new NdArray<short>(shape, names),
            DType.UInt32 => new NdArray<uint>(shape, names),
            DType.Int32 => new NdArray<int>(shape, names),
            DType.Int64 => new NdArray<long>(shape, names),
            DType.Float32 => new NdArray<float>(shape, names),
            DType.Float64 => new NdArray<double>(shape, names),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
        };
    }

    /// <summary>Number of elements of an array of this shape.</summary>
    /// <exception cref="OverflowException">When the product does not fit a 64-bit integer.</exception>
    public static long ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int dim in shape) count = checked(count * dim);
        return count;
    }

    /// <summary>The typed view of this array.</summary>
    /// <exception cref="InvalidCastException">When <typeparamref name="T"/> is not the array's element type.</exception>
    public NdArray<T> As<T>() where T : unmanaged =>
        this as NdArray<T> ?? throw new InvalidCastException($"array is {DType.Name()}, not {DTypes.Of<T>().Name()}");

    /// <summary>Position of an axis, or -1 when the array has no such axis.</summary>
    public int IndexOf(AxisId axis) => Axes.IndexOf(axis);

    /// <summary>Size of a named axis.</summary>
    /// <exception cref="ArgumentException">When the array has no such axis.</exception>
    public int SizeOf(AxisId axis) => Shape[RequireAxis(axis)];

    /// <summary>The same data with other axis names.</summary>
    public abstract NdArray WithAxes(ReadOnlySpan<AxisId> axes);

    /// <summary>The same data with another shape of equal element count and new axis names.</summary>
    public abstract NdArray Reshape(ReadOnlySpan<int> shape, ReadOnlySpan<AxisId> axes);

    /// <summary>A copy with the axes in the given order, e.g. <c>Transpose("b","c","y","x")</c>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="order"/> is not a permutation of <see cref="Axes"/>.</exception>
    public NdArray Transpose(params AxisId[] order)
    {
        if (order.Length != Rank || order.Distinct().Count() != Rank)
            throw new ArgumentException($"'{AxisId.Format(order)}' is not a permutation of '{AxesString}'", nameof(order));
        return Transpose(order.Select(RequireAxis).ToArray());
    }

    /// <summary>A copy with dimension <c>i</c> of the result taken from dimension <c>permutation[i]</c> of this array.</summary>
    public NdArray Transpose(ReadOnlySpan<int> permutation)
    {
        if (permutation.Length != Rank)
            throw new ArgumentException($"permutation has {permutation.Length} entries for rank {Rank}", nameof(permutation));
        var seen = new bool[Rank];
        foreach (int p in permutation)
        {
            if ((uint)p >= (uint)Rank || seen[p])
                throw new ArgumentException($"[{string.Join(",", permutation.ToArray())}] is not a permutation of rank {Rank}", nameof(permutation));
            seen[p] = true;
        }
        var shape = new int[Rank];
        var axes = new AxisId[Rank];
        for (int i = 0; i < Rank; i++)
        {
            shape[i] = Shape[permutation[i]];
            axes[i] = Axes[permutation[i]];
        }
        var result = Create(DType, shape, axes);
        StridedCopy.Permute(Bytes, Shape.AsSpan(), permutation, DType.SizeOf(), result.Bytes);
        return result;
    }

    /// <summary>The same data without the named axis, which must have size 1.</summary>
    public NdArray Squeeze(AxisId axis)
    {
        int index = RequireAxis(axis);
        if (Shape[index] != 1)
            throw new ArgumentException($"axis '{axis}' has size {Shape[index]}, not 1", nameof(axis));
        return Reshape(Without(Shape.AsSpan(), index), Without(Axes.AsSpan(), index));
    }

    /// <summary>The same data without any axis of size 1, except those named in <paramref name="keep"/>.</summary>
    public NdArray Squeeze(params AxisId[] keep)
    {
        var shape = new List<int>();
        var axes = new List<AxisId>();
        for (int i = 0; i < Rank; i++)
        {
            if (Shape[i] == 1 && !keep.Contains(Axes[i])) continue;
            shape.Add(Shape[i]);
            axes.Add(Axes[i]);
        }
        return Reshape(shape.ToArray(), axes.ToArray());
    }

    /// <summary>The same data with a new axis of size 1 inserted at <paramref name="position"/>.</summary>
    public NdArray ExpandDims(AxisId axis, int position)
    {
        if ((uint)position > (uint)Rank)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"position must be within 0..{Rank}");
        var shape = Shape.Insert(position, 1);
        var axes = Axes.Insert(position, axis);
        return Reshape(shape.AsSpan(), axes.AsSpan());
    }

    /// <summary>A float32 copy (or this array when it already is float32). One typed loop per dtype, no per-element dispatch.</summary>
    public NdArray<float> ToFloat32() => (NdArray<float>)ConvertTo(DType.Float32);

    /// <summary>
    /// A copy converted to <paramref name="dtype"/> (or this array when it already has that dtype).
    /// Values out of the target range saturate; floats to integers truncate toward zero, NaN becomes 0; any non-zero becomes <c>true</c>.
    /// </summary>
    public NdArray ConvertTo(DType dtype)
    {
        if (dtype == DType) return this;
        var result = Create(dtype, Shape.AsSpan(), Axes.AsSpan());
        ElementConversion.Convert(DType, Bytes, dtype, result.Bytes);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{DType.Name()}[{string.Join(",", Shape)}] {AxesString}";

    /// <summary>Releases the memory-mapped file this array views, if any.</summary>
    public void Dispose()
    {
        _owner?.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected IDisposable? Owner => _owner;

    private int RequireAxis(AxisId axis)
    {
        int index = Axes.IndexOf(axis);
        if (index < 0) throw new ArgumentException($"array with axes '{AxesString}' has no axis '{axis}'", nameof(axis));
        return index;
    }

    private static T[] Without<T>(ReadOnlySpan<T> items, int index)
    {
        var result = new T[items.Length - 1];
        items[..index].CopyTo(result);
        items[(index + 1)..].CopyTo(result.AsSpan(index));
        return result;
    }
}

/// <summary>An <see cref="NdArray"/> whose elements are <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The CLR type of <see cref="NdArray.DType"/>: bool, byte, sbyte, ushort, short, uint, int, long, float or double.</typeparam>
public sealed class NdArray<T> : NdArray where T : unmanaged
{
    /// <summary>Creates a zero-filled array.</summary>
    public NdArray(ReadOnlySpan<int> shape, ReadOnlySpan<AxisId> axes)
        : this(new T[checked((int)ElementCount(shape))], shape, axes)
    {
    }

    /// <summary>Wraps existing memory (no copy). Its length must equal the element count of <paramref name="shape"/>.</summary>
    /// <param name="memory">The elements in C order.</param>
    /// <param name="shape">Size of each dimension.</param>
    /// <param name="axes">Axis names, one per dimension.</param>
    /// <param name="owner">Released by <see cref="NdArray.Dispose"/>, e.g. a memory-mapped view.</param>
    public NdArray(Memory<T> memory, ReadOnlySpan<int> shape, ReadOnlySpan<AxisId> axes, IDisposable? owner = null)
        : base(DTypes.Of<T>(), shape, axes, owner)
    {
        if (memory.Length != Length)
            throw new ArgumentException($"memory holds {memory.Length} elements, shape [{string.Join(",", shape.ToArray())}] needs {Length}", nameof(memory));
        Memory = memory;
    }

    /// <summary>The elements in C order.</summary>
    public Memory<T> Memory { get; }

    /// <summary>The elements in C order.</summary>
    public Span<T> Span => Memory.Span;

    /// <inheritdoc/>
    public override Span<byte> Bytes => MemoryMarshal.AsBytes(Memory.Span);

    /// <inheritdoc/>
    public override NdArray<T> WithAxes(ReadOnlySpan<AxisId> axes) => new(Memory, Shape.AsSpan(), axes, Owner);

    /// <inheritdoc/>
    public override NdArray<T> Reshape(ReadOnlySpan<int> shape, ReadOnlySpan<AxisId> axes) => new(Memory, shape, axes, Owner);

    /// <summary>The element at a multi-index (for tests and small lookups, not for hot loops).</summary>
    public T this[params int[] index]
    {
        get => Span[checked((int)Offset(index))];
        set => Span[checked((int)Offset(index))] = value;
    }

    private long Offset(int[] index)
    {
        if (index.Length != Rank) throw new ArgumentException($"{index.Length} indices for rank {Rank}", nameof(index));
        long offset = 0;
        for (int i = 0; i < Rank; i++)
        {
            if ((uint)index[i] >= (uint)Shape[i])
                throw new IndexOutOfRangeException($"index {index[i]} is outside axis '{Axes[i]}' of size {Shape[i]}");
            offset = offset * Shape[i] + index[i];
        }
        return offset;
    }
}
