using System.Runtime.InteropServices;

namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>
/// A pointer to an ONNX Runtime object, released through its <c>OrtApi::Release*</c> slot. Live handles are counted so
/// tests can assert that nothing leaks.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    private static long _live;

    protected OrtHandle(IntPtr pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
        if (pointer != IntPtr.Zero)
            Interlocked.Increment(ref _live);
    }

    /// <summary>Handles created and not yet released, process-wide.</summary>
    public static long LiveCount => Interlocked.Read(ref _live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected sealed override bool ReleaseHandle()
    {
        Release(handle);
        Interlocked.Decrement(ref _live);
        return true;
    }

    /// <summary>Calls the type's <c>OrtApi::Release*</c> slot.</summary>
    protected abstract void Release(IntPtr pointer);
}

/// <summary><c>OrtEnv*</c>.</summary>
internal sealed unsafe class OrtEnvHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override void Release(IntPtr pointer) => OrtNative.Api->ReleaseEnv(pointer);
}

/// <summary><c>OrtSessionOptions*</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override void Release(IntPtr pointer) => OrtNative.Api->ReleaseSessionOptions(pointer);
}

/// <summary><c>OrtSession*</c>.</summary>
internal sealed unsafe class OrtSessionHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override void Release(IntPtr pointer) => OrtNative.Api->ReleaseSession(pointer);
}

/// <summary><c>OrtValue*</c>.</summary>
internal sealed unsafe class OrtValueHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override void Release(IntPtr pointer) => OrtNative.Api->ReleaseValue(pointer);
}

/// <summary><c>OrtRunOptions*</c>.</summary>
internal sealed unsafe class OrtRunOptionsHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override void Release(IntPtr pointer) => OrtNative.Api->ReleaseRunOptions(pointer);
}

/// <summary><c>OrtMemoryInfo*</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle(IntPtr pointer) : OrtHandle(pointer)
{
    protected override void Release(IntPtr pointer) => OrtNative.Api->ReleaseMemoryInfo(pointer);
}
