using System.Runtime.InteropServices;
using ModelZooBridge.Interop;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>
/// The process's ONNX Runtime shared library: found through <c>MZB_ONNXRUNTIME</c> (a file or folder), the app-local
/// copy that setup takes from the <c>onnxruntime-node</c> npm package, or the system; loaded once.
/// </summary>
public sealed class OrtLibrary
{
    /// <summary>Where <see cref="Load"/> looks.</summary>
    public static readonly NativeLibraryLocator Locator = new(
        "libonnxruntime.so.1",
        "MZB_ONNXRUNTIME",
        ["../onnxruntime", "."],
        "Run ./test.sh or scripts/setup.sh to fetch ONNX Runtime 1.30.0, or set MZB_ONNXRUNTIME to a libonnxruntime.so.1 (e.g. a CUDA build).");

    private static readonly Lazy<OrtLibrary> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private OrtLibrary(IntPtr handle, string path, IntPtr apiBase)
    {
        Handle = handle;
        Path = path;
        ApiBase = apiBase;
    }

    /// <summary>The loaded library's handle.</summary>
    internal IntPtr Handle { get; }

    /// <summary>The <c>OrtApiBase*</c> returned by <c>OrtGetApiBase</c>.</summary>
    internal IntPtr ApiBase { get; }

    /// <summary>Which file was loaded.</summary>
    public string Path { get; }

    /// <summary>ONNX Runtime's own version string, e.g. <c>1.30.0</c>.</summary>
    public unsafe string Version
    {
        get
        {
            // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
            var getVersionString = ((delegate* unmanaged<IntPtr>*)ApiBase)[1];
            return Marshal.PtrToStringUTF8(getVersionString()) ?? "";
        }
    }

    /// <summary>Loads the library (once per process).</summary>
    /// <exception cref="DllNotFoundException">When no candidate loads; the message says where it looked and how to get one.</exception>
    public static OrtLibrary Load() => Instance.Value;

    private static unsafe OrtLibrary Create()
    {
        var (handle, path) = Locator.Load();
        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBase))
            throw new DllNotFoundException($"{path} has no OrtGetApiBase export: it is not ONNX Runtime");
        var apiBase = ((delegate* unmanaged<IntPtr>)getApiBase)();
        return new OrtLibrary(handle, path, apiBase);
    }
}
