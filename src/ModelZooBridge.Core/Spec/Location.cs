namespace ModelZooBridge.Spec;

/// <summary>
/// Where a problem is: a file, a 1-based line and column in it (0 when unknown) and the field path into the
/// description in bioimage.io spelling, e.g. <c>inputs[0].axes[2].size</c> (empty for the whole document).
/// </summary>
/// <param name="File">File name used in messages (as given by the caller).</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="FieldPath">Path of the field, e.g. <c>weights.onnx.opset_version</c>.</param>
public sealed record Location(string File, int Line, int Column, string FieldPath)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return FieldPath.Length > 0 ? $"{where}: {FieldPath}" : where;
    }
}
