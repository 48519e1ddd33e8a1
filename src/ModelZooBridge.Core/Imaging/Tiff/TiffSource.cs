using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// Random access to the bytes of a TIFF file with bounds checks against its length, and the byte order and
/// offset size that the header chose. Positional reads (no shared seek pointer); not thread-safe as a whole.
/// </summary>
internal sealed class TiffSource : IDisposable
{
    private readonly SafeFileHandle _handle;

    private TiffSource(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        Length = length;
    }

    /// <summary>The file's path, used in error messages.</summary>
    public string Path { get; }

    /// <summary>File length in bytes; every offset and count is checked against it.</summary>
    public long Length { get; }

    /// <summary>True for "MM" files.</summary>
    public bool BigEndian { get; private set; }

    /// <summary>True for BigTIFF (version 43, 64-bit offsets).</summary>
    public bool BigTiff { get; private set; }

    /// <summary>Offset of the first IFD, from the header.</summary>
    public long FirstIfdOffset { get; private set; }

    /// <summary>Opens the file and parses the 8- or 16-byte header.</summary>
    public static TiffSource Open(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            handle = TiffThrow.Corrupt<SafeFileHandle>(path, $"cannot open: {e.Message}", e);
        }
        var source = new TiffSource(path, handle, RandomAccess.GetLength(handle));
        try
        {
            source.ReadHeader();
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private void ReadHeader()
    {
        Span<byte> header = stackalloc byte[16];
        if (Length < 8) TiffThrow.Corrupt(Path, $"not a TIFF file: only {Length} bytes");
        int got = (int)Math.Min(16, Length);
        Read(0, header[..got]);
        BigEndian = (header[0], header[1]) switch
        {
            ((byte)'I', (byte)'I') => false,
            ((byte)'M', (byte)'M') => true,
            _ => TiffThrow.Corrupt<bool>(Path, "not a TIFF file: no II/MM byte-order mark"),
        };
        ushort version = UInt16(header[2..]);
        if (version == 42)
        {
            FirstIfdOffset = UInt32(header[4..]);
        }
        else if (version == 43)
        {
            if (got < 16) TiffThrow.Corrupt(Path, "truncated BigTIFF header");
            if (UInt16(header[4..]) != 8 || UInt16(header[6..]) != 0)
                TiffThrow.Corrupt(Path, "BigTIFF header with an offset size other than 8");
            BigTiff = true;
            ulong first = UInt64(header[8..]);
            FirstIfdOffset = first > (ulong)Length ? Length : (long)first;
        }
        else
        {
            TiffThrow.Corrupt(Path, $"not a TIFF file: version {version} (expected 42 or 43)");
        }
    }

    /// <summary>True when <paramref name="count"/> bytes at <paramref name="offset"/> lie inside the file.</summary>
    public bool Contains(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length && count <= Length - offset;

    /// <summary>Reads exactly <c>destination.Length</c> bytes at <paramref name="offset"/>, or throws.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        if (!Contains(offset, destination.Length))
            TiffThrow.Corrupt(Path, $"{destination.Length} bytes at offset {offset} lie past the end of the file ({Length} bytes)");
        try
        {
            while (destination.Length > 0)
            {
                int n = RandomAccess.Read(_handle, destination, offset);
                if (n <= 0) TiffThrow.Corrupt(Path, $"file ended early while reading at offset {offset}");
                destination = destination[n..];
                offset += n;
            }
        }
        catch (IOException e)
        {
            TiffThrow.Corrupt(Path, $"read error at offset {offset}: {e.Message}", e);
        }
    }

    /// <summary>A 16-bit value in the file's byte order.</summary>
    public ushort UInt16(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    /// <summary>A 32-bit value in the file's byte order.</summary>
    public uint UInt32(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    /// <summary>A 64-bit value in the file's byte order.</summary>
    public ulong UInt64(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
