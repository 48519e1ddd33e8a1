using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.Tests;

/// <summary>
/// Base of the ORT test classes: xunit builds one instance per test and disposes it afterwards, when every native
/// handle the test made must have been released again. The environment's own handles are created first, so they are
/// part of the baseline.
/// </summary>
public abstract class OrtLeakCheck : IDisposable
{
    private readonly long _baseline;

    protected OrtLeakCheck()
    {
        _ = OrtRuntime.Instance;
        _baseline = OrtHandle.LiveCount;
    }

    public void Dispose() => Assert.Equal(_baseline, OrtHandle.LiveCount);
}
