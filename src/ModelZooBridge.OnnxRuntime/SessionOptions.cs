using System.Runtime.InteropServices;
using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>How an <see cref="InferenceSession"/> is built (<c>OrtSessionOptions</c>). Creating one initialises <see cref="OrtRuntime"/>.</summary>
public sealed unsafe class SessionOptions : IDisposable
{
    private readonly OrtSessionOptionsHandle _handle;
    private int _intraOpNumThreads;
    private int _interOpNumThreads;
    private GraphOptimizationLevel _graphOptimizationLevel = GraphOptimizationLevel.All;
    private OrtLogLevel _logSeverityLevel = OrtLogLevel.Warning;

    // ORT logs why the CUDA provider bridge cannot load only on the first attempt in a process; later attempts reuse it.
    private static string? _cudaFailureLog;

    /// <summary>Creates ORT's default options.</summary>
    public SessionOptions()
    {
        _ = OrtRuntime.Instance;
        IntPtr options;
        OrtStatus.ThrowIfFailed(OrtNative.Api->CreateSessionOptions(&options));
        _handle = new OrtSessionOptionsHandle(options);
    }

    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per physical core).</summary>
    public int IntraOpNumThreads
    {
        get => _intraOpNumThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            OrtStatus.ThrowIfFailed(OrtNative.Api->SetIntraOpNumThreads(Handle, value));
            _intraOpNumThreads = value;
        }
    }

    /// <summary>Threads used to run independent operators in parallel; 0 lets ORT choose.</summary>
    public int InterOpNumThreads
    {
        get => _interOpNumThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            OrtStatus.ThrowIfFailed(OrtNative.Api->SetInterOpNumThreads(Handle, value));
            _interOpNumThreads = value;
        }
    }

    /// <summary>How much the graph is optimised when the session is created. Default <see cref="GraphOptimizationLevel.All"/>.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel
    {
        get => _graphOptimizationLevel;
        set
        {
            OrtStatus.ThrowIfFailed(OrtNative.Api->SetSessionGraphOptimizationLevel(Handle, (int)value));
            _graphOptimizationLevel = value;
        }
    }

    /// <summary>
    /// The least severe message the session's own logger emits (<c>SetSessionLogSeverityLevel</c>), forwarded through
    /// <see cref="OrtRuntime"/>'s log. Default <see cref="OrtLogLevel.Warning"/>.
    /// </summary>
    public OrtLogLevel LogSeverityLevel
    {
        get => _logSeverityLevel;
        set
        {
            OrtStatus.ThrowIfFailed(OrtNative.Api->SetSessionLogSeverityLevel(Handle, (int)value));
            _logSeverityLevel = value;
        }
    }

    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Sets a session configuration entry, e.g. <c>session.intra_op.allow_spinning</c> = <c>0</c>.</summary>
    /// <param name="key">The key (see ORT's <c>onnxruntime_session_options_config_keys.h</c>).</param>
    /// <param name="value">The value.</param>
    public void AddConfigEntry(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var k = Marshal.StringToCoTaskMemUTF8(key);
        var v = Marshal.StringToCoTaskMemUTF8(value);
        try
        {
            OrtStatus.ThrowIfFailed(OrtNative.Api->AddSessionConfigEntry(Handle, (byte*)k, (byte*)v));
        }
        finally
        {
            Marshal.FreeCoTaskMem(k);
            Marshal.FreeCoTaskMem(v);
        }
    }

    /// <summary>
    /// Adds the CUDA execution provider for one GPU (<c>CreateCUDAProviderOptions</c>, <c>UpdateCUDAProviderOptions</c>
    /// with <c>device_id</c>, <c>SessionOptionsAppendExecutionProvider_CUDA_V2</c>). These options stay usable when it fails.
    /// </summary>
    /// <param name="deviceId">CUDA device index, from 0.</param>
    /// <exception cref="OrtException">
    /// When this ORT build or machine cannot run CUDA (e.g. the CPU-only library, or missing provider libraries, CUDA 12
    /// or cuDNN 9); the message includes the reason ORT logged.
    /// </exception>
    public void AppendCudaProvider(int deviceId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        var api = OrtNative.Api;
        var logged = new List<string>();
        void Capture(OrtLogLevel level, string message)
        {
            if (level >= OrtLogLevel.Error)
                lock (logged)
                    logged.Add(message);
        }

        OrtRuntime.Instance.MessageLogged += Capture;
        IntPtr cudaOptions = IntPtr.Zero;
        var key = Marshal.StringToCoTaskMemUTF8("device_id");
        var value = Marshal.StringToCoTaskMemUTF8(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            OrtStatus.ThrowIfFailed(api->CreateCUDAProviderOptions(&cudaOptions));
            byte* keys = (byte*)key, values = (byte*)value;
            OrtStatus.ThrowIfFailed(api->UpdateCUDAProviderOptions(cudaOptions, &keys, &values, 1));
            OrtStatus.ThrowIfFailed(api->SessionOptionsAppendExecutionProvider_CUDA_V2(Handle, cudaOptions));
        }
        catch (OrtException e)
        {
            lock (logged)
            {
                if (logged.Count > 0)
                    _cudaFailureLog = string.Join(" | ", logged);
            }
            var reason = _cudaFailureLog is { } log ? $" ORT logged: {log}" : "";
            var message = $"CUDA execution provider (device {deviceId}) is not available in {OrtRuntime.Instance.Library.Path}: {e.OrtMessage}.{reason} " +
                "It needs a GPU build of ONNX Runtime 1.30 (libonnxruntime_providers_shared.so and libonnxruntime_providers_cuda.so next to the library), CUDA 12 and cuDNN 9.";
            throw new OrtException(e.ErrorCode, string.Join(' ', message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), e);
        }
        finally
        {
            OrtRuntime.Instance.MessageLogged -= Capture;
            if (cudaOptions != IntPtr.Zero)
                api->ReleaseCUDAProviderOptions(cudaOptions);
            Marshal.FreeCoTaskMem(key);
            Marshal.FreeCoTaskMem(value);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
