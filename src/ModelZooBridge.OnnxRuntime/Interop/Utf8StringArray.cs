using System.Runtime.InteropServices;

namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>A native <c>const char* const*</c> array of NUL-terminated UTF-8 strings, freed on dispose.</summary>
internal sealed unsafe class Utf8StringArray : IDisposable
{
    private readonly IntPtr[] _strings;
    private GCHandle _pin;

    public Utf8StringArray(IReadOnlyList<string> strings)
    {
        for (int i = 0; i < strings.Count; i++)
        {
            if (strings[i] is null)
                throw new ArgumentNullException(nameof(strings), $"name {i} is null");
        }
        _strings = new IntPtr[strings.Count];
        for (int i = 0; i < _strings.Length; i++)
            _strings[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
        _pin = GCHandle.Alloc(_strings, GCHandleType.Pinned);
    }

    public byte** Pointers => (byte**)_pin.AddrOfPinnedObject();

    public void Dispose()
    {
        if (_pin.IsAllocated)
            _pin.Free();
        foreach (var s in _strings)
            Marshal.FreeCoTaskMem(s);
    }
}
