using System.Runtime.InteropServices;

namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>The process's <see cref="OrtApi"/> table, obtained once through <c>OrtGetApiBase()->GetApi(30)</c>.</summary>
internal static unsafe class OrtNative
{
    private static readonly Lazy<IntPtr> Table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The table; loads the library on first use.</summary>
    /// <exception cref="DllNotFoundException">No library, or one that does not offer <see cref="OrtApi.Version"/>.</exception>
    public static OrtApi* Api => (OrtApi*)Table.Value;

    private static IntPtr Load()
    {
        var library = OrtLibrary.Load();
        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        var getApi = ((delegate* unmanaged[Cdecl]<uint, IntPtr>*)library.ApiBase)[0];
        var api = getApi(OrtApi.Version);
        if (api == IntPtr.Zero)
            throw new DllNotFoundException(
                $"{library.Path} is ONNX Runtime {library.Version}, which does not offer C API version {OrtApi.Version}; ModelZooBridge needs ONNX Runtime 1.30 or later");
        return api;
    }

    /// <summary>Copies a NUL-terminated UTF-8 string owned by native code.</summary>
    public static string ReadUtf8(byte* text) => Marshal.PtrToStringUTF8((IntPtr)text) ?? "";
}
