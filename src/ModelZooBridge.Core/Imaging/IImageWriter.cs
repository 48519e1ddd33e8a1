namespace ModelZooBridge.Imaging;

/// <summary>
/// Writes an image plane by plane, in plane order, to a temporary file beside the target that
/// <see cref="Commit"/> renames into place. Disposing without committing deletes it, so a failed
/// write never leaves a partial file behind.
/// </summary>
public interface IImageWriter : IDisposable
{
    /// <summary>The file that <see cref="Commit"/> creates.</summary>
    string Path { get; }

    /// <summary>What is being written.</summary>
    ImageInfo Info { get; }

    /// <summary>Appends the next plane: <see cref="ImageInfo.PlaneBytes"/> bytes, little-endian.</summary>
    void WritePlane(ReadOnlySpan<byte> plane);

    /// <summary>Finishes the file and moves it to <see cref="Path"/>; every plane must have been written.</summary>
    void Commit();
}
