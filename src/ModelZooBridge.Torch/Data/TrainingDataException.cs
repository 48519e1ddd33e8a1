namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Training data that cannot be used: unmatched files, mismatched shapes, unexpected label values. The message
/// is one line naming the file (or both files) and the problem.
/// </summary>
public sealed class TrainingDataException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public TrainingDataException(string message, Exception? inner = null) : base(message, inner) { }
}
