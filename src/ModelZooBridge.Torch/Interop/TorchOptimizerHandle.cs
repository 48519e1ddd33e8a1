using System.Runtime.InteropServices;

namespace ModelZooBridge.Torch.Interop;

/// <summary>An owned <c>mzb_optimizer*</c>, released with <c>mzb_optimizer_free</c>.</summary>
internal sealed class TorchOptimizerHandle : SafeHandle
{
    public TorchOptimizerHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.mzb_optimizer_free(handle);
        return true;
    }
}
