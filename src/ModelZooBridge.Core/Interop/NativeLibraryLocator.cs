using System.Runtime.InteropServices;

namespace ModelZooBridge.Interop;

/// <summary>
/// Finds and loads a native engine the way every part of ModelZooBridge does: an environment variable naming a
/// file or folder, then the app-local copy made by setup, then the system's loader paths. A miss is one message
/// listing where it looked and how to get the library.
/// </summary>
/// <param name="FileName">The library's file name, e.g. <c>libonnxruntime.so.1</c>.</param>
/// <param name="EnvironmentVariable">The variable that overrides the search, e.g. <c>MZB_ONNXRUNTIME</c>.</param>
/// <param name="AppLocalFolders">Folders relative to the host's directory that setup fills, e.g. <c>../onnxruntime</c>.</param>
/// <param name="HowToGet">What to tell a user who has none.</param>
public sealed record NativeLibraryLocator(string FileName, string EnvironmentVariable, IReadOnlyList<string> AppLocalFolders, string HowToGet)
{
    /// <summary>The candidate paths in search order (the last is the bare name, for the system loader).</summary>
    public IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string>();
        var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
            candidates.Add(Directory.Exists(overridden) ? Path.Combine(overridden, FileName) : overridden);
        foreach (var folder in AppLocalFolders)
            candidates.Add(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, folder, FileName)));
        candidates.Add(FileName);
        return candidates;
    }

    /// <summary>Loads the first candidate that exists and loads; returns its handle and the path it came from.</summary>
    /// <exception cref="DllNotFoundException">With a one-line message when none loads.</exception>
    public (IntPtr Handle, string Path) Load()
    {
        var failures = new List<string>();
        foreach (var candidate in Candidates())
        {
            bool bareName = !candidate.Contains('/');
            if (!bareName && !File.Exists(candidate))
            {
                failures.Add($"{candidate} (absent)");
                continue;
            }
            try
            {
                return (NativeLibrary.Load(candidate), candidate);
            }
            catch (Exception error) when (error is DllNotFoundException or BadImageFormatException)
            {
                failures.Add(bareName ? $"{candidate} (not on the system's library path)" : $"{candidate} ({error.Message.ReplaceLineEndings(" ")})");
            }
        }
        throw new DllNotFoundException($"{FileName} not found: tried {string.Join("; ", failures)}. {HowToGet}");
    }
}
