namespace ModelZooBridge.IO;

/// <summary>
/// A file written under a temporary name in the target's folder and renamed over the target only by
/// <see cref="Commit"/>, so readers never see a half-written file and a failure loses nothing.
/// Disposing without committing deletes the temporary file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private bool _committed;

    private AtomicFile(string path, string temporaryPath, FileStream stream)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        Stream = stream;
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>Where the data is written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write (and, for formats that patch headers, to seek and read).</summary>
    public FileStream Stream { get; }

    /// <summary>Starts writing <paramref name="path"/>; the folder must exist.</summary>
    public static AtomicFile Create(string path, int bufferSize = 1 << 20)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full) ?? ".";
        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize);
        return new AtomicFile(full, temporary, stream);
    }

    /// <summary>Flushes and renames the temporary file over <see cref="Path"/>.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        // No fsync: rename-over-old is atomic, and on ext4 (auto_da_alloc) the data is flushed before the rename is durable;
        // forcing fsync here tripled the time to write a large stack.
        Stream.Flush();
        Stream.Dispose();
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (_committed) return;
        Stream.Dispose();
        try { File.Delete(TemporaryPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _committed = true;
    }
}
