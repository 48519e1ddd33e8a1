using ModelZooBridge.Arrays;
using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch;

/// <summary>
/// A libtorch tensor (<c>at::Tensor</c>) behind an owned handle. Element types are float32, float64 and int64. Every
/// tensor created while a <see cref="DisposeScope"/> is open on this thread belongs to that scope; otherwise its creator
/// disposes it. Operators live in <see cref="Functional"/> and <see cref="Losses"/>.
/// </summary>
public sealed unsafe class Tensor : IDisposable
{
    private readonly TorchTensorHandle _handle;

    private Tensor(IntPtr handle)
    {
        _handle = new TorchTensorHandle(handle);
        DisposeScope.Track(this);
    }

    internal TorchTensorHandle Handle => _handle;

    /// <summary>The scope that will dispose this tensor, if any.</summary>
    internal DisposeScope? OwningScope { get; set; }

    /// <summary>The raw handle for a native call; the caller keeps this tensor alive until the call returns.</summary>
    internal IntPtr Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>True once disposed (directly or by its scope).</summary>
    public bool IsDisposed => _handle.IsClosed;

    /// <summary>Wraps the handle a shim call produced, after checking its status. <paramref name="inputs"/> are kept alive until here.</summary>
    internal static Tensor FromNative(int code, IntPtr result, params ReadOnlySpan<Tensor?> inputs)
    {
        foreach (var input in inputs) GC.KeepAlive(input);
        NativeMethods.Check(code);
        return new Tensor(result);
    }

    /// <summary>Like <see cref="FromNative"/>, but a null result (e.g. no gradient yet) gives null.</summary>
    internal static Tensor? FromNativeOrNull(int code, IntPtr result)
    {
        NativeMethods.Check(code);
        return result == IntPtr.Zero ? null : new Tensor(result);
    }

    // ----- creation ------------------------------------------------------------------------------------------------

    /// <summary>A tensor holding a copy of <paramref name="data"/> (float, double or long) with the given shape, as <c>torch.tensor</c>.</summary>
    /// <param name="data">Elements in C order; their count must equal the shape's product.</param>
    /// <param name="shape">The shape.</param>
    /// <param name="device">Where the tensor lives (the CPU by default).</param>
    public static Tensor FromArray<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, Device? device = null) where T : unmanaged
    {
        var dtype = DTypeOf<T>();
        long count = CheckedCount(shape);
        if (count != data.Length)
            throw new ArgumentException($"shape ({string.Join(", ", shape.ToArray())}) holds {count} elements, data has {data.Length}", nameof(data));
        var target = device ?? Device.Cpu;
        fixed (T* values = data)
        fixed (long* dims = shape)
            return FromNative(NativeMethods.mzb_tensor_from_buffer(values, Code(dtype), dims, shape.Length, (int)target.Kind, target.Index, out var result), result);
    }

    /// <summary>A tensor of zeros (<c>torch.zeros</c>).</summary>
    public static Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) => Filled(shape, dtype, device, FillKind.Zeros);

    /// <summary>A tensor of ones (<c>torch.ones</c>).</summary>
    public static Tensor Ones(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) => Filled(shape, dtype, device, FillKind.Ones);

    /// <summary>Standard normal samples from libtorch's generator (<c>torch.randn</c>; seed with <see cref="TorchRuntime.ManualSeed"/>).</summary>
    public static Tensor Randn(ReadOnlySpan<long> shape, DType dtype = DType.Float32, Device? device = null) => Filled(shape, dtype, device, FillKind.Randn);

    private enum FillKind { Zeros, Ones, Randn }

    private static Tensor Filled(ReadOnlySpan<long> shape, DType dtype, Device? device, FillKind kind)
    {
        CheckedCount(shape);
        var target = device ?? Device.Cpu;
        int code = Code(dtype), deviceType = (int)target.Kind;
        IntPtr result;
        fixed (long* dims = shape)
        {
            int status = kind switch
            {
                FillKind.Zeros => NativeMethods.mzb_tensor_zeros(dims, shape.Length, code, deviceType, target.Index, out result),
                FillKind.Ones => NativeMethods.mzb_tensor_ones(dims, shape.Length, code, deviceType, target.Index, out result),
                _ => NativeMethods.mzb_tensor_randn(dims, shape.Length, code, deviceType, target.Index, out result),
            };
            return FromNative(status, result);
        }
    }

    // ----- inspection ----------------------------------------------------------------------------------------------

    /// <summary>The number of dimensions.</summary>
    public int Rank
    {
        get
        {
            NativeMethods.Check(NativeMethods.mzb_tensor_ndim(_handle, out var ndim));
            return ndim;
        }
    }

    /// <summary>The shape (a new array each call).</summary>
    public long[] Shape
    {
        get
        {
            var shape = new long[Rank];
            fixed (long* dims = shape)
                NativeMethods.Check(NativeMethods.mzb_tensor_shape(_handle, dims, shape.Length));
            return shape;
        }
    }

    /// <summary>The number of elements.</summary>
    public long NumberOfElements => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The element type.</summary>
    public DType DType
    {
        get
        {
            NativeMethods.Check(NativeMethods.mzb_tensor_dtype(_handle, out var code));
            return code switch { 0 => DType.Float32, 1 => DType.Float64, _ => DType.Int64 };
        }
    }

    /// <summary>The device holding the data.</summary>
    public Device Device
    {
        get
        {
            NativeMethods.Check(NativeMethods.mzb_tensor_device(_handle, out var kind, out var index));
            return new Device((DeviceType)kind, index);
        }
    }

    // ----- copies --------------------------------------------------------------------------------------------------

    /// <summary>Copies the elements, converted to <typeparamref name="T"/> (float, double or long), into <paramref name="destination"/>.</summary>
    /// <exception cref="TorchException">When the destination's length differs from the element count.</exception>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var dtype = DTypeOf<T>();
        fixed (T* values = destination)
            NativeMethods.Check(NativeMethods.mzb_tensor_copy_to_buffer(_handle, values, Code(dtype), destination.Length));
    }

    /// <summary>The elements in C order, converted to <typeparamref name="T"/>.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var values = new T[checked((int)NumberOfElements)];
        CopyTo<T>(values);
        return values;
    }

    /// <summary>The value of a one-element tensor (<c>tensor.item()</c>).</summary>
    public double Item()
    {
        NativeMethods.Check(NativeMethods.mzb_tensor_item(_handle, out var value));
        return value;
    }

    /// <summary>A copy with its own storage (<c>tensor.clone()</c>; part of the autograd graph).</summary>
    public Tensor Clone() => FromNative(NativeMethods.mzb_tensor_clone(_handle, out var result), result);

    /// <summary>This tensor converted to another element type and/or device (<c>tensor.to(...)</c>).</summary>
    public Tensor To(DType dtype, Device? device = null)
    {
        var target = device ?? Device;
        return FromNative(NativeMethods.mzb_tensor_to(_handle, Code(dtype), (int)target.Kind, target.Index, out var result), result);
    }

    /// <summary>The same elements in another shape (<c>tensor.reshape</c>; -1 infers one size).</summary>
    public Tensor Reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* dims = shape)
            return FromNative(NativeMethods.mzb_tensor_reshape(_handle, dims, shape.Length, out var result), result);
    }

    /// <summary>A view of <paramref name="length"/> entries from <paramref name="start"/> along <paramref name="dim"/> (<c>tensor.narrow</c>), e.g. to crop a skip connection.</summary>
    public Tensor Narrow(long dim, long start, long length) =>
        FromNative(NativeMethods.mzb_tensor_narrow(_handle, dim, start, length, out var result), result);

    /// <summary>Overwrites this tensor's elements with <paramref name="source"/>'s (same shape; outside autograd), as loading a state dict does.</summary>
    public void CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        NativeMethods.Check(NativeMethods.mzb_tensor_copy_(_handle, source._handle));
    }

    /// <summary>Sets every element to <paramref name="value"/> in place (outside autograd).</summary>
    public void Fill(double value) => NativeMethods.Check(NativeMethods.mzb_tensor_fill_(_handle, value));

    /// <summary>Fills in place from U(low, high) (<c>torch.nn.init.uniform_</c>).</summary>
    public void UniformInPlace(double low, double high) => NativeMethods.Check(NativeMethods.mzb_tensor_uniform_(_handle, low, high));

    /// <summary>
    /// Fills a weight (out, in, k...) in place as <c>torch.nn.init.kaiming_uniform_(w, a=negativeSlope)</c>: bound
    /// = sqrt(2 / (1 + a²)) · sqrt(3 / fan_in).
    /// </summary>
    public void KaimingUniformInPlace(double negativeSlope) => NativeMethods.Check(NativeMethods.mzb_tensor_kaiming_uniform_(_handle, negativeSlope));

    // ----- autograd ------------------------------------------------------------------------------------------------

    /// <summary>Whether autograd tracks operations on this tensor (<c>requires_grad</c>).</summary>
    public bool RequiresGrad
    {
        get
        {
            NativeMethods.Check(NativeMethods.mzb_requires_grad(_handle, out var flag));
            return flag != 0;
        }
        set => NativeMethods.Check(NativeMethods.mzb_set_requires_grad(_handle, value ? 1 : 0));
    }

    /// <summary>Back-propagates from this scalar (<c>loss.backward()</c>); gradients accumulate into the leaves' <see cref="Grad"/>.</summary>
    public void Backward() => NativeMethods.Check(NativeMethods.mzb_backward(_handle));

    /// <summary>The accumulated gradient (an alias of libtorch's <c>.grad</c>), or null before any backward pass reached this leaf.</summary>
    public Tensor? Grad => FromNativeOrNull(NativeMethods.mzb_grad(_handle, out var result), result);

    /// <summary>Drops the accumulated gradient (as <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad() => NativeMethods.Check(NativeMethods.mzb_zero_grad(_handle));

    /// <summary>A tensor sharing this one's storage, cut from the autograd graph (<c>tensor.detach()</c>).</summary>
    public Tensor Detach() => FromNative(NativeMethods.mzb_detach(_handle, out var result), result);

    // ----- arithmetic shorthands --------------------------------------------------------------------------------------

    /// <summary>Elementwise sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Functional.Add(a, b);

    /// <summary>Elementwise difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Functional.Add(a, b, alpha: -1);

    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Functional.Mul(a, b);

    /// <summary>Multiplication by a scalar.</summary>
    public static Tensor operator *(Tensor a, double factor) => Functional.Scale(a, factor);

    /// <summary>Frees the native tensor (idempotent) and leaves its scope.</summary>
    public void Dispose()
    {
        OwningScope?.Forget(this);
        OwningScope = null;
        _handle.Dispose();
    }

    /// <summary>Shape, element type and device, e.g. <c>Tensor[1, 2, 64, 64] float32 cpu</c>.</summary>
    public override string ToString() => IsDisposed ? "Tensor (disposed)" : $"Tensor[{string.Join(", ", Shape)}] {DType.ToString().ToLowerInvariant()} {Device}";

    private static DType DTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : typeof(T) == typeof(long) ? DType.Int64
        : throw new NotSupportedException($"tensors hold float, double or long elements, not {typeof(T).Name}");

    private static int Code(DType dtype) => dtype switch
    {
        DType.Float32 => 0,
        DType.Float64 => 1,
        DType.Int64 => 2,
        _ => throw new NotSupportedException($"tensors hold float32, float64 or int64 elements, not {dtype}"),
    };

    private static long CheckedCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0) throw new ArgumentException($"negative size in shape ({string.Join(", ", shape.ToArray())})", nameof(shape));
            count = checked(count * size);
        }
        return count;
    }
}
