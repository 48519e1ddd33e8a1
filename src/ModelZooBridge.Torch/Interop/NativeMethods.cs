using System.Runtime.InteropServices;

namespace ModelZooBridge.Torch.Interop;

/// <summary>
/// P/Invoke declarations of <c>src/native/mzb_torch/include/mzb_torch.h</c>, one file per shim area. Functions return
/// <c>0</c> or <c>-1</c>; callers pass the code to <see cref="Check"/>.
/// </summary>
internal static partial class NativeMethods
{
    static NativeMethods() => TorchLibrary.Register(typeof(NativeMethods).Assembly);

    /// <summary>Throws <see cref="TorchException"/> with the shim's thread-local message when <paramref name="code"/> is not 0.</summary>
    public static void Check(int code)
    {
        if (code != 0)
            throw new TorchException(Marshal.PtrToStringUTF8(mzb_last_error()) ?? "unknown libtorch error");
    }

    [LibraryImport(TorchLibrary.Name)]
    private static partial IntPtr mzb_last_error();

    [LibraryImport(TorchLibrary.Name)]
    public static partial IntPtr mzb_version();

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_manual_seed(ulong seed);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_set_num_threads(int threads);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_get_num_threads();

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_cuda_device_count();

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_set_grad_enabled(int enabled);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_is_grad_enabled();
}
