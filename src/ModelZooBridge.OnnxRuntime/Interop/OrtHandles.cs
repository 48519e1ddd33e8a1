using System.Runtime.InteropServices;

namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>A pointer to an ONNX Runtime object, released through its <c>OrtApi::Release*</c> slot.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(IntPtr pointer)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(pointer);

    public override bool IsInvalid => handle == IntPtr.Zero;
}

/// <summary><c>OrtEnv*</c>.</summary>
internal sealed unsafe class OrtEnvHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Api->ReleaseEnv(handle);
        return true;
    }
}

/// <summary><c>OrtSessionOptions*</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Api->ReleaseSessionOptions(handle);
        return true;
    }
}

/// <summary><c>OrtSession*</c>.</summary>
internal sealed unsafe class OrtSessionHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Api->ReleaseSession(handle);
        return true;
    }
}

/// <summary><c>OrtValue*</c>.</summary>
internal sealed unsafe class OrtValueHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Api->ReleaseValue(handle);
        return true;
    }
}

/// <summary><c>OrtRunOptions*</c>.</summary>
internal sealed unsafe class OrtRunOptionsHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Api->ReleaseRunOptions(handle);
        return true;
    }
}

/// <summary><c>OrtMemoryInfo*</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Api->ReleaseMemoryInfo(handle);
        return true;
    }
}
