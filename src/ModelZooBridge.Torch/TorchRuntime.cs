using System.Runtime.InteropServices;
using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch;

/// <summary>
/// Process-wide libtorch settings, as PyTorch's <c>torch.manual_seed</c>, <c>torch.set_num_threads</c> and
/// <c>torch.no_grad</c>. The first call loads the shim and libtorch.
/// </summary>
public static class TorchRuntime
{
    /// <summary>libtorch's version, e.g. <c>1.13.1</c>.</summary>
    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.mzb_version()) ?? "";

    /// <summary>Seeds libtorch's generators (CPU, and every GPU in a CUDA build), as <c>torch.manual_seed</c>.</summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(ulong seed) => NativeMethods.Check(NativeMethods.mzb_manual_seed(seed));

    /// <summary>
    /// libtorch's intra-op thread count (<c>torch.get_num_threads</c>/<c>set_num_threads</c>). On small 2-vCPU machines 1
    /// is often fastest for small steps: set it once before training.
    /// </summary>
    public static int NumThreads
    {
        get => NativeMethods.mzb_get_num_threads();
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            NativeMethods.Check(NativeMethods.mzb_set_num_threads(value));
        }
    }

    /// <summary>How many CUDA GPUs this libtorch can use (0 for a CPU-only build such as Debian's).</summary>
    public static int CudaDeviceCount => NativeMethods.mzb_cuda_device_count();

    /// <summary>The best device available: the first GPU when this libtorch has CUDA and sees one, otherwise the CPU.</summary>
    public static Device DefaultDevice => CudaDeviceCount > 0 ? Device.Cuda(0) : Device.Cpu;

    /// <summary>Whether autograd records operations on this thread.</summary>
    public static bool IsGradEnabled => NativeMethods.mzb_is_grad_enabled() != 0;

    /// <summary>
    /// Turns gradient recording off on this thread until the returned object is disposed (then restores the previous
    /// mode), as <c>with torch.no_grad():</c>. Dispose it on the thread that created it.
    /// </summary>
    public static IDisposable NoGrad() => new GradModeScope(enabled: false);

    /// <summary>Starts a <see cref="DisposeScope"/> on this thread: tensors created until it is disposed are disposed with it.</summary>
    public static DisposeScope NewScope() => new();

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool _previous;
        private bool _disposed;

        public GradModeScope(bool enabled)
        {
            _previous = IsGradEnabled;
            NativeMethods.Check(NativeMethods.mzb_set_grad_enabled(enabled ? 1 : 0));
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            NativeMethods.Check(NativeMethods.mzb_set_grad_enabled(_previous ? 1 : 0));
        }
    }
}
