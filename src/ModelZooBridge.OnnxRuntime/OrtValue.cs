using System.Buffers;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>
/// A tensor ONNX Runtime reads or wrote (<c>OrtValue</c>). Inputs made by <see cref="CreateTensor{T}"/> view pinned
/// managed memory without copying; the memory stays pinned until <see cref="Dispose"/>. Outputs own ORT's memory.
/// </summary>
public sealed unsafe class OrtValue : IDisposable
{
    private readonly OrtValueHandle _handle;
    private MemoryHandle _pin;
    private long[]? _shape;
    private int _onnxElementType = -1;

    private OrtValue(OrtValueHandle handle, MemoryHandle pin)
    {
        _handle = handle;
        _pin = pin;
    }

    /// <summary>Size of each dimension.</summary>
    public IReadOnlyList<long> Shape => LoadTypeAndShape()._shape!;

    /// <summary>The element type.</summary>
    /// <exception cref="NotSupportedException">For element types without a <see cref="Arrays.DType"/> (float16, string, …).</exception>
    public DType DType => TensorElementTypes.ToDType(LoadTypeAndShape()._onnxElementType)
        ?? throw new NotSupportedException($"ONNX element type {TensorElementTypes.Name(_onnxElementType)} has no DType");

    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Wraps <paramref name="memory"/> as a tensor without copying; it is pinned until the value is disposed.</summary>
    /// <typeparam name="T">A CLR element type of <see cref="Arrays.DType"/>.</typeparam>
    /// <param name="memory">The elements in C order; exactly as many as <paramref name="shape"/> holds.</param>
    /// <param name="shape">Size of each dimension.</param>
    /// <exception cref="ArgumentException">When the shape's element count differs from the memory's length.</exception>
    public static OrtValue CreateTensor<T>(Memory<T> memory, long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var onnxType = TensorElementTypes.FromDType(DTypes.Of<T>());
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"shape [{string.Join(",", shape)}] has a negative dimension", nameof(shape));
            count *= d;
        }
        if (count != memory.Length)
            throw new ArgumentException(
                $"shape [{string.Join(",", shape)}] holds {count} elements but the memory holds {memory.Length}", nameof(shape));
        var runtime = OrtRuntime.Instance;
        var pin = memory.Pin();
        try
        {
            IntPtr value;
            fixed (long* dims = shape)
            {
                OrtStatus.ThrowIfFailed(OrtNative.Api->CreateTensorWithDataAsOrtValue(
                    runtime.CpuMemoryInfo, pin.Pointer, (nuint)(memory.Length * sizeof(T)), dims, (nuint)shape.Length, onnxType, &value));
            }
            return new OrtValue(new OrtValueHandle(value), pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    /// <summary>Wraps an array's memory as a tensor without copying (the array must outlive the value).</summary>
    /// <param name="array">The array; its shape becomes the tensor's shape.</param>
    public static OrtValue FromNdArray(NdArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var shape = array.Shape.Select(d => (long)d).ToArray();
        return array.DType switch
        {
            DType.Bool => CreateTensor(array.As<bool>().Memory, shape),
            DType.UInt8 => CreateTensor(array.As<byte>().Memory, shape),
            DType.Int8 => CreateTensor(array.As<sbyte>().Memory, shape),
            DType.UInt16 => CreateTensor(array.As<ushort>().Memory, shape),
            DType.Int16 => CreateTensor(array.As<short>().Memory, shape),
            DType.UInt32 => CreateTensor(array.As<uint>().Memory, shape),
            DType.Int32 => CreateTensor(array.As<int>().Memory, shape),
            DType.Int64 => CreateTensor(array.As<long>().Memory, shape),
            DType.Float32 => CreateTensor(array.As<float>().Memory, shape),
            DType.Float64 => CreateTensor(array.As<double>().Memory, shape),
            _ => throw new ArgumentOutOfRangeException(nameof(array), array.DType, "unknown dtype"),
        };
    }

    /// <summary>The tensor's elements in C order, read in place (valid until the value is disposed).</summary>
    /// <typeparam name="T">Must be the CLR type of <see cref="DType"/>.</typeparam>
    /// <exception cref="InvalidOperationException">When <typeparamref name="T"/> does not match the element type.</exception>
    public ReadOnlySpan<T> GetTensorDataAsSpan<T>() where T : unmanaged
    {
        var expected = DTypes.Of<T>();
        if (DType != expected)
            throw new InvalidOperationException($"the tensor holds {DType.Name()}, not {expected.Name()} ({typeof(T).Name})");
        var count = checked((int)ElementCount);
        if (count == 0)
            return [];
        void* data;
        OrtStatus.ThrowIfFailed(OrtNative.Api->GetTensorMutableData(Handle, &data));
        return new ReadOnlySpan<T>(data, count);
    }

    /// <summary>Copies the tensor into a new array.</summary>
    /// <param name="axes">Axis names, one per dimension; <see cref="AxisId.DefaultFor"/> the rank when omitted.</param>
    public NdArray ToNdArray(ReadOnlySpan<AxisId> axes = default)
    {
        var shape = Shape.Select(d => checked((int)d)).ToArray();
        var array = NdArray.Create(DType, shape, axes);
        var bytes = array.Bytes;
        if (bytes.Length > 0)
        {
            void* data;
            OrtStatus.ThrowIfFailed(OrtNative.Api->GetTensorMutableData(Handle, &data));
            new ReadOnlySpan<byte>(data, bytes.Length).CopyTo(bytes);
        }
        return array;
    }

    /// <inheritdoc />
    public override string ToString() => _handle.IsClosed ? "OrtValue (disposed)" : $"{DType.Name()}[{string.Join(",", Shape)}]";

    /// <summary>Releases the native value, then unpins the managed memory it viewed.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        _pin.Dispose();
        _pin = default;
    }

    /// <summary>Wraps a value ORT created (a <c>Run</c> output); takes ownership.</summary>
    internal static OrtValue FromOwnedPointer(IntPtr value) => new(new OrtValueHandle(value), default);

    private OrtValue LoadTypeAndShape()
    {
        if (_shape is not null)
            return this;
        var api = OrtNative.Api;
        int isTensor;
        OrtStatus.ThrowIfFailed(api->IsTensor(Handle, &isTensor));
        if (isTensor == 0)
            throw new NotSupportedException("the value is not a tensor (sequences and maps are not supported)");
        IntPtr info;
        OrtStatus.ThrowIfFailed(api->GetTensorTypeAndShape(Handle, &info));
        try
        {
            var (elementType, dims, _) = TypeShapeReader.Read(info, symbolic: false);
            _onnxElementType = elementType;
            _shape = dims;
        }
        finally
        {
            api->ReleaseTensorTypeAndShapeInfo(info);
        }
        return this;
    }
}
