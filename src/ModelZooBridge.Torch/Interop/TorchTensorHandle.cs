using System.Runtime.InteropServices;

namespace ModelZooBridge.Torch.Interop;

/// <summary>An owned <c>mzb_tensor*</c>, released with <c>mzb_tensor_free</c>.</summary>
internal sealed class TorchTensorHandle : SafeHandle
{
    public TorchTensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public TorchTensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.mzb_tensor_free(handle);
        return true;
    }
}
