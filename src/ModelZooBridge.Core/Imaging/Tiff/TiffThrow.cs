using System.Diagnostics.CodeAnalysis;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>The one place the TIFF reader raises errors: every problem with a file is an <see cref="ImageFormatException"/>.</summary>
internal static class TiffThrow
{
    /// <summary>The file is damaged, truncated or inconsistent.</summary>
    [DoesNotReturn]
    public static void Corrupt(string path, string problem, Exception? inner = null) =>
        throw new ImageFormatException(path, problem, inner);

    /// <summary>The file is valid TIFF but uses a feature this reader does not implement.</summary>
    [DoesNotReturn]
    public static void Unsupported(string path, string feature) =>
        throw new ImageFormatException(path, $"{feature} is not supported");

    /// <summary>Like <see cref="Corrupt"/>, usable in expression position.</summary>
    [DoesNotReturn]
    public static T Corrupt<T>(string path, string problem, Exception? inner = null) =>
        throw new ImageFormatException(path, problem, inner);
}
