using System.Reflection;
using System.Runtime.InteropServices;
using ModelZooBridge.Interop;

namespace ModelZooBridge.Torch.Interop;

/// <summary>
/// The shim <c>libmzb_torch.so</c>: found through <c>MZB_TORCH_SHIM</c> (a file or folder), the app-local copy beside
/// the host (<c>../torch</c>) or in the repository's <c>.native/torch</c>, or the system. It is loaded on the first
/// P/Invoke call, not before: loading libtorch costs 0.5–0.8 s.
/// </summary>
public static class TorchLibrary
{
    /// <summary>The name the P/Invoke declarations use; <see cref="Resolve"/> maps it to the located file.</summary>
    internal const string Name = "mzb_torch";

    /// <summary>Where the shim is looked for.</summary>
    public static readonly NativeLibraryLocator Locator = new(
        "libmzb_torch.so",
        "MZB_TORCH_SHIM",
        ["../torch", "."],
        "Build it with scripts/setup.sh (installs libtorch-dev and runs CMake on src/native/mzb_torch), or set MZB_TORCH_SHIM to a built libmzb_torch.so.");

    private static readonly Lazy<(IntPtr Handle, string Path)> Loaded = new(Locator.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The file that was loaded (loads the shim when it is not loaded yet).</summary>
    /// <exception cref="DllNotFoundException">When no candidate loads; one line saying where it looked and how to build it.</exception>
    public static string Path => Loaded.Value.Path;

    /// <summary>Installs the resolver for this assembly's P/Invoke declarations (called once, by <see cref="NativeMethods"/>).</summary>
    internal static void Register(Assembly assembly) => NativeLibrary.SetDllImportResolver(assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? Loaded.Value.Handle : IntPtr.Zero;
}
