using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>
/// The process's one ONNX Runtime environment (<c>OrtEnv</c>), created lazily on first use with the options given to
/// <see cref="Configure"/>. ORT's own log goes through a custom logging function to <see cref="OrtRuntimeOptions.LogSink"/>
/// and <see cref="MessageLogged"/> instead of coloured lines on stderr.
/// </summary>
public sealed unsafe class OrtRuntime
{
    // The logging callback handed to native code: a static function pointer, so nothing can be collected while ORT
    // holds it. The env itself lives until the process exits.
    private static readonly delegate* unmanaged[Cdecl]<IntPtr, int, byte*, byte*, byte*, byte*, void> LogCallback = &OnLog;
    private static readonly Lock Gate = new();
    private static OrtRuntimeOptions? _options;
    private static volatile OrtRuntime? _instance;

    private readonly OrtEnvHandle _env;
    private readonly OrtMemoryInfoHandle _cpuMemory;

    private OrtRuntime(OrtRuntimeOptions options, OrtEnvHandle env, OrtMemoryInfoHandle cpuMemory, IntPtr allocator)
    {
        Options = options;
        _env = env;
        _cpuMemory = cpuMemory;
        DefaultAllocator = allocator;
    }

    /// <summary>
    /// Forwarded ORT log messages at or above <see cref="OrtRuntimeOptions.MinimumLogLevel"/>, raised on ORT's thread
    /// after <see cref="OrtRuntimeOptions.LogSink"/>. Exceptions thrown by handlers are swallowed.
    /// </summary>
    public event Action<OrtLogLevel, string>? MessageLogged;

    /// <summary>The environment, created on first access.</summary>
    /// <exception cref="DllNotFoundException">When ONNX Runtime cannot be loaded.</exception>
    public static OrtRuntime Instance
    {
        get
        {
            if (_instance is { } existing)
                return existing;
            lock (Gate)
                return _instance ??= Create(_options ?? new OrtRuntimeOptions());
        }
    }

    /// <summary>True once <see cref="Instance"/> has been created.</summary>
    public static bool IsInitialized => _instance is not null;

    /// <summary>The options the environment was created with.</summary>
    public OrtRuntimeOptions Options { get; }

    /// <summary>The loaded library.</summary>
    public OrtLibrary Library => OrtLibrary.Load();

    internal IntPtr Env => _env.DangerousGetHandle();

    internal IntPtr CpuMemoryInfo => _cpuMemory.DangerousGetHandle();

    /// <summary>ORT's default CPU allocator (owned by ORT, never released).</summary>
    internal IntPtr DefaultAllocator { get; }

    /// <summary>Sets the process-wide options. Allowed once, before anything has used ONNX Runtime.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="InvalidOperationException">When the environment already exists or options were already set.</exception>
    public static void Configure(OrtRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (_instance is not null)
                throw new InvalidOperationException(
                    "ONNX Runtime is already initialised; OrtRuntime.Configure must run before the first session, tensor or OrtRuntime.Instance");
            if (_options is not null)
                throw new InvalidOperationException("OrtRuntime.Configure was already called; the options can be set once per process");
            _options = options;
        }
    }

    /// <summary>The execution providers this build of ORT was compiled with (not necessarily usable on this machine).</summary>
    public IReadOnlyList<string> CompiledProviders()
    {
        var api = OrtNative.Api;
        byte** names;
        int count;
        OrtStatus.ThrowIfFailed(api->GetAvailableProviders(&names, &count));
        try
        {
            var result = new string[count];
            for (int i = 0; i < count; i++)
                result[i] = OrtNative.ReadUtf8(names[i]);
            return result;
        }
        finally
        {
            OrtStatus.ThrowIfFailed(api->ReleaseAvailableProviders(names, count));
        }
    }

    private static OrtRuntime Create(OrtRuntimeOptions options)
    {
        var api = OrtNative.Api;
        IntPtr env;
        var logId = Marshal.StringToCoTaskMemUTF8(options.LogId);
        try
        {
            OrtStatus.ThrowIfFailed(api->CreateEnvWithCustomLogger(LogCallback, IntPtr.Zero, (int)options.MinimumLogLevel, (byte*)logId, &env));
        }
        finally
        {
            Marshal.FreeCoTaskMem(logId);
        }
        var envHandle = new OrtEnvHandle(env);
        try
        {
            OrtStatus.ThrowIfFailed(api->DisableTelemetryEvents(env));
            IntPtr memoryInfo;
            // OrtArenaAllocator = 1, OrtMemTypeDefault = 0
            OrtStatus.ThrowIfFailed(api->CreateCpuMemoryInfo(1, 0, &memoryInfo));
            var memoryHandle = new OrtMemoryInfoHandle(memoryInfo);
            IntPtr allocator;
            OrtStatus.ThrowIfFailed(api->GetAllocatorWithDefaultOptions(&allocator));
            return new OrtRuntime(options, envHandle, memoryHandle, allocator);
        }
        catch
        {
            envHandle.Dispose();
            throw;
        }
    }

    // void OrtLoggingFunction(void* param, OrtLoggingLevel severity, const char* category, const char* logid,
    //                         const char* code_location, const char* message)
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(IntPtr param, int severity, byte* category, byte* logId, byte* codeLocation, byte* message)
    {
        try
        {
            var level = (OrtLogLevel)severity;
            var text = OrtNative.ReadUtf8(message);
            // During Create, _instance is not yet set: fall back to the configured (or default) sink.
            var runtime = _instance;
            var sink = runtime is null ? (_options ?? new OrtRuntimeOptions()).LogSink : runtime.Options.LogSink;
            sink?.Invoke(level, text);
            runtime?.MessageLogged?.Invoke(level, text);
        }
        catch
        {
            // Never let an exception cross into native code.
        }
    }
}
