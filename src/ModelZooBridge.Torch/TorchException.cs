namespace ModelZooBridge.Torch;

/// <summary>An error libtorch reported through the shim (a C++ exception caught at the boundary), with its message.</summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception from libtorch's message (without the C++ backtrace).</summary>
    /// <param name="message">The message libtorch gave.</param>
    public TorchException(string message) : base(message) { }
}
