namespace ModelZooBridge.Imaging;

/// <summary>
/// The one exception the format readers and writers raise for a file they cannot handle: corrupt, truncated
/// or unsupported. The message is one line naming the file and the problem.
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    public ImageFormatException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
