using System.Runtime.InteropServices;
using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>A loaded ONNX model (<c>OrtSession</c>). <see cref="Run"/> may be called from several threads at once.</summary>
public sealed unsafe class InferenceSession : IDisposable
{
    private readonly OrtSessionHandle _handle;

    /// <summary>Loads a model file.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file.</param>
    /// <param name="options">Build options; ORT's defaults when null.</param>
    /// <exception cref="OrtException">When ORT cannot load the model (e.g. <see cref="OrtErrorCode.NoSuchFile"/>).</exception>
    public InferenceSession(string modelPath, SessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        _handle = Create(options, (env, opts) =>
        {
            IntPtr session;
            var path = Marshal.StringToCoTaskMemUTF8(modelPath);
            try
            {
                OrtStatus.ThrowIfFailed(OrtNative.Api->CreateSession(env, (byte*)path, opts, &session));
            }
            finally
            {
                Marshal.FreeCoTaskMem(path);
            }
            return session;
        });
        (InputMetadata, OutputMetadata) = ReadMetadata();
    }

    /// <summary>Loads a model from its bytes.</summary>
    /// <param name="model">The serialised ONNX model.</param>
    /// <param name="options">Build options; ORT's defaults when null.</param>
    /// <exception cref="OrtException">When the bytes are not a loadable model.</exception>
    public InferenceSession(ReadOnlyMemory<byte> model, SessionOptions? options = null)
    {
        _handle = Create(options, (env, opts) =>
        {
            IntPtr session;
            fixed (byte* data = model.Span)
                OrtStatus.ThrowIfFailed(OrtNative.Api->CreateSessionFromArray(env, data, (nuint)model.Length, opts, &session));
            return session;
        });
        (InputMetadata, OutputMetadata) = ReadMetadata();
    }

    /// <summary>The graph's inputs, in declaration order.</summary>
    public IReadOnlyList<NodeMetadata> InputMetadata { get; }

    /// <summary>The graph's outputs, in declaration order.</summary>
    public IReadOnlyList<NodeMetadata> OutputMetadata { get; }

    private IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Runs the model once.</summary>
    /// <param name="inputNames">Names of the inputs given, one per value in <paramref name="inputs"/>.</param>
    /// <param name="inputs">The input tensors.</param>
    /// <param name="outputNames">The outputs wanted, in the order they are returned.</param>
    /// <param name="cancellationToken">Stops the run between operators (<c>RunOptionsSetTerminate</c>).</param>
    /// <returns>The outputs; dispose them.</returns>
    /// <exception cref="ArgumentException">When the name and value counts differ or no output is asked for.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> stopped the run; the session stays usable.</exception>
    /// <exception cref="OrtException">When ORT rejects the inputs or fails while running.</exception>
    public OrtValueCollection Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        if (inputNames.Count != inputs.Count)
            throw new ArgumentException($"{inputNames.Count} {nameof(inputNames)} but {inputs.Count} {nameof(inputs)}", nameof(inputs));
        if (outputNames.Count == 0)
            throw new ArgumentException("no output asked for", nameof(outputNames));
        var api = OrtNative.Api;
        var inputHandles = new IntPtr[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
            inputHandles[i] = (inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"input {i} is null")).Handle;
        using var inNames = new Utf8StringArray(inputNames);
        using var outNames = new Utf8StringArray(outputNames);
        var outputs = new IntPtr[outputNames.Count];
        IntPtr runOptions;
        OrtStatus.ThrowIfFailed(api->CreateRunOptions(&runOptions));
        using var runOptionsHandle = new OrtRunOptionsHandle(runOptions);
        try
        {
            // Registering on an already cancelled token runs the callback at once, so that case also goes through ORT.
            // Disposing the registration waits for a running callback, so it never touches released run options.
            using (cancellationToken.Register(static state => OrtStatus.ThrowIfFailed(OrtNative.Api->RunOptionsSetTerminate((IntPtr)state!)), runOptions))
            {
                fixed (IntPtr* ins = inputHandles)
                fixed (IntPtr* outs = outputs)
                {
                    OrtStatus.ThrowIfFailed(api->Run(Handle, runOptions, inNames.Pointers, ins, (nuint)inputHandles.Length,
                        outNames.Pointers, (nuint)outputs.Length, outs));
                }
            }
        }
        catch (OrtException e) when (cancellationToken.IsCancellationRequested)
        {
            ReleaseAll(outputs);
            throw new OperationCanceledException($"the run was cancelled ({e.OrtMessage})", e, cancellationToken);
        }
        catch
        {
            ReleaseAll(outputs);
            throw;
        }
        var values = new OrtValue[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
            values[i] = OrtValue.FromOwnedPointer(outputs[i]);
        return new OrtValueCollection(outputNames.ToArray(), values);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static OrtSessionHandle Create(SessionOptions? options, Func<IntPtr, IntPtr, IntPtr> create)
    {
        var owned = options is null ? new SessionOptions() : null;
        try
        {
            return new OrtSessionHandle(create(OrtRuntime.Instance.Env, (options ?? owned)!.Handle));
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static void ReleaseAll(IntPtr[] values)
    {
        foreach (var value in values)
        {
            if (value != IntPtr.Zero)
                OrtNative.Api->ReleaseValue(value);
        }
    }

    private (NodeMetadata[] Inputs, NodeMetadata[] Outputs) ReadMetadata()
    {
        var api = OrtNative.Api;
        nuint inputCount, outputCount;
        OrtStatus.ThrowIfFailed(api->SessionGetInputCount(Handle, &inputCount));
        OrtStatus.ThrowIfFailed(api->SessionGetOutputCount(Handle, &outputCount));
        var inputs = new NodeMetadata[(int)inputCount];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = ReadNode(i, output: false);
        var outputs = new NodeMetadata[(int)outputCount];
        for (int i = 0; i < outputs.Length; i++)
            outputs[i] = ReadNode(i, output: true);
        return (inputs, outputs);
    }

    private NodeMetadata ReadNode(int index, bool output)
    {
        var api = OrtNative.Api;
        var allocator = OrtRuntime.Instance.DefaultAllocator;
        byte* rawName;
        OrtStatus.ThrowIfFailed(output
            ? api->SessionGetOutputName(Handle, (nuint)index, allocator, &rawName)
            : api->SessionGetInputName(Handle, (nuint)index, allocator, &rawName));
        string name;
        try
        {
            name = OrtNative.ReadUtf8(rawName);
        }
        finally
        {
            OrtStatus.ThrowIfFailed(api->AllocatorFree(allocator, rawName));
        }
        IntPtr typeInfo;
        OrtStatus.ThrowIfFailed(output
            ? api->SessionGetOutputTypeInfo(Handle, (nuint)index, &typeInfo)
            : api->SessionGetInputTypeInfo(Handle, (nuint)index, &typeInfo));
        try
        {
            int onnxType;
            OrtStatus.ThrowIfFailed(api->GetOnnxTypeFromTypeInfo(typeInfo, &onnxType));
            if (onnxType != 1) // ONNX_TYPE_TENSOR
                return new NodeMetadata(name, isTensor: false, 0, [], []);
            IntPtr tensorInfo; // owned by typeInfo
            OrtStatus.ThrowIfFailed(api->CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
            var (elementType, dims, symbolic) = TypeShapeReader.Read(tensorInfo, symbolic: true);
            return new NodeMetadata(name, isTensor: true, elementType, dims, symbolic);
        }
        finally
        {
            api->ReleaseTypeInfo(typeInfo);
        }
    }
}
