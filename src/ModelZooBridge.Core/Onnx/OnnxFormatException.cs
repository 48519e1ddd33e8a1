namespace ModelZooBridge.Onnx;

/// <summary>
/// Raised for a file that is not a readable ONNX model: corrupt or truncated protobuf, nesting beyond the
/// recursion limit, over protobuf's 2 GiB limit, or missing what every ONNX model has (IR version, graph,
/// operator sets). The message is one line naming the file and the problem. Kept apart from
/// <c>PackageException</c> because ONNX files are also read outside packages; a package reader that hits one
/// reports it against the weights entry.
/// </summary>
public sealed class OnnxFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/>.</summary>
    public OnnxFormatException(string fileName, string problem, Exception? inner = null)
        : base($"{fileName}: {problem}", inner)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file (or the name the caller gave the stream).</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
