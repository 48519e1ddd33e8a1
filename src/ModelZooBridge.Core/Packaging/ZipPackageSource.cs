using System.Buffers.Binary;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip;

namespace ModelZooBridge.Packaging;

/// <summary>
/// A zipped package. Opening reads and checks the whole central directory (names, links, encryption, methods,
/// declared sizes against <see cref="PackageLimits"/>, overlapping entries); reading inflates one entry through a
/// <see cref="BoundedEntryStream"/>.
/// </summary>
internal sealed class ZipPackageSource : IPackageSource
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndOfCentralDirectorySignature = 0x06064b50;
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;
    private const int LocalHeaderFixedSize = 30;

    private readonly ZipFile _zip;
    private readonly string _path;
    private readonly PackageLimits _limits;
    private readonly Dictionary<string, ZipEntry> _entries;

    private ZipPackageSource(ZipFile zip, string path, PackageLimits limits, Dictionary<string, ZipEntry> entries)
    {
        _zip = zip;
        _path = path;
        _limits = limits;
        _entries = entries;
        Files = entries.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>Opens and checks the archive at <paramref name="fullPath"/>; messages name <paramref name="path"/>.</summary>
    public static ZipPackageSource Open(string fullPath, string path, PackageLimits limits)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackageException(path, $"cannot open ({e.Message})", e);
        }
        try
        {
            CheckSignatureAndDirectory(stream, path, limits);
            ZipFile zip;
            try
            {
                zip = new ZipFile(stream, leaveOpen: false);
            }
            catch (Exception e) when (e is SharpZipBaseException or IOException or ArgumentException)
            {
                throw new PackageException(path, $"corrupt or truncated zip archive ({e.Message})", e);
            }
            try
            {
                return new ZipPackageSource(zip, path, limits, CheckEntries(zip, path, limits));
            }
            catch
            {
                zip.Close();
                throw;
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Contains(string canonicalPath) => _entries.ContainsKey(canonicalPath);

    public long GetLength(string canonicalPath) => _entries[canonicalPath].Size;

    public Stream Open(string canonicalPath)
    {
        var entry = _entries[canonicalPath];
        Stream inner;
        try
        {
            inner = _zip.GetInputStream(entry);
        }
        catch (Exception e) when (e is SharpZipBaseException or IOException)
        {
            throw new PackageException(_path, $"entry '{canonicalPath}' cannot be read ({e.Message})", e);
        }
        return new BoundedEntryStream(inner, _path, canonicalPath, entry.Size, entry.CompressedSize, entry.HasCrc ? entry.Crc : null, _limits);
    }

    public void Dispose() => _zip.Close();

    /// <summary>
    /// Checks the zip signature and the end-of-central-directory record before SharpZipLib sees the file, so an
    /// empty file, a non-zip, a truncated archive or an absurd declared entry count fail with a precise message
    /// and without allocating for the declared count.
    /// </summary>
    private static void CheckSignatureAndDirectory(FileStream stream, string path, PackageLimits limits)
    {
        var length = stream.Length;
        if (length == 0) throw new PackageException(path, "empty file, not a zip archive");
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (headLength < 2 || head[0] != (byte)'P' || head[1] != (byte)'K')
            throw new PackageException(path, "not a zip archive (no zip signature at the start)");

        // The record is 22 bytes plus a comment of up to 65535 bytes at the very end of the file.
        var tailLength = (int)Math.Min(length, 22 + 0xFFFF);
        var tail = new byte[tailLength];
        stream.Position = length - tailLength;
        stream.ReadExactly(tail);
        var record = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                record = i;
                break;
            }
        }
        if (record < 0)
            throw new PackageException(path, "truncated or not a zip archive (no end-of-central-directory record)");

        long entryCount = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(record + 10));
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(record + 12));
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(record + 16));
        var recordPosition = length - tailLength + record;
        if (entryCount == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
        {
            var locator = record - 20;
            if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(locator)) != Zip64LocatorSignature)
                throw new PackageException(path, "corrupt zip archive (zip64 markers without a zip64 locator)");
            var zip64Position = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(locator + 8));
            if (zip64Position < 0 || zip64Position > recordPosition - 56)
                throw new PackageException(path, "corrupt zip archive (zip64 end-of-central-directory record out of range)");
            Span<byte> zip64 = stackalloc byte[56];
            stream.Position = zip64Position;
            stream.ReadExactly(zip64);
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndOfCentralDirectorySignature)
                throw new PackageException(path, "corrupt zip archive (bad zip64 end-of-central-directory signature)");
            entryCount = BinaryPrimitives.ReadInt64LittleEndian(zip64[32..]);
            directorySize = BinaryPrimitives.ReadInt64LittleEndian(zip64[40..]);
            directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(zip64[48..]);
            recordPosition = zip64Position;
        }
        if (entryCount < 0 || entryCount > limits.MaxEntryCount)
            throw new PackageException(path, $"archive lists {(ulong)entryCount} entries, more than the limit of {limits.MaxEntryCount}");
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > recordPosition)
            throw new PackageException(path, "truncated or corrupt zip archive (central directory lies outside the file)");
        stream.Position = 0;
    }

    private static Dictionary<string, ZipEntry> CheckEntries(ZipFile zip, string path, PackageLimits limits)
    {
        if (zip.Count > limits.MaxEntryCount)
            throw new PackageException(path, $"archive lists {zip.Count} entries, more than the limit of {limits.MaxEntryCount}");
        var files = new Dictionary<string, ZipEntry>(StringComparer.Ordinal);
        var extents = new List<(long Start, long End, string Name)>();
        long total = 0;
        foreach (ZipEntry entry in zip)
        {
            var name = PackagePath.TryNormalizeEntryName(entry.Name, out var problem) ?? throw new PackageException(path, problem!);
            var shown = PackagePath.Printable(entry.Name);
            if (((entry.ExternalFileAttributes >>> 16) & UnixFileTypeMask) == UnixSymbolicLink)
                throw new PackageException(path, $"entry '{shown}' is a symbolic link; links are refused");
            if (entry.IsCrypted)
                throw new PackageException(path, $"entry '{shown}' is encrypted; encrypted packages are not supported");
            if (entry.CompressionMethod is not (CompressionMethod.Stored or CompressionMethod.Deflated))
                throw new PackageException(path, $"entry '{shown}' uses compression method {entry.CompressionMethod}; only stored and deflate are supported");
            if (entry.Size < 0 || entry.CompressedSize < 0)
                throw new PackageException(path, $"entry '{shown}' has no declared size");
            if (entry.CompressionMethod == CompressionMethod.Stored && entry.Size != entry.CompressedSize)
                throw new PackageException(path, $"entry '{shown}' is stored but declares {entry.Size} bytes in {entry.CompressedSize}");
            if (entry.Size > limits.MaxEntrySize)
                throw new PackageException(path, $"entry '{shown}' declares {entry.Size} bytes, above the limit of {limits.MaxEntrySize} bytes per entry");
            if (limits.ExceedsRatio(entry.Size, entry.CompressedSize))
                throw new PackageException(path,
                    $"entry '{shown}' would inflate {entry.CompressedSize} bytes to {entry.Size} (ratio {entry.Size / (double)Math.Max(entry.CompressedSize, 1):F0}, limit {limits.MaxCompressionRatio}): zip bomb");
            total += entry.Size;
            if (total > limits.MaxTotalSize)
                throw new PackageException(path, $"entries declare more than {limits.MaxTotalSize} bytes in total, above the limit (zip bomb)");
            extents.Add((entry.Offset, entry.Offset + LocalHeaderFixedSize + entry.CompressedSize, shown));
            if (entry.IsDirectory || name.Length == 0) continue;
            if (!files.TryAdd(name, entry))
                throw new PackageException(path, $"entry '{shown}' appears more than once");
        }
        extents.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < extents.Count; i++)
        {
            if (extents[i - 1].End > extents[i].Start)
                throw new PackageException(path, $"entries '{extents[i - 1].Name}' and '{extents[i].Name}' overlap (overlapping-entry zip bomb or corrupt archive)");
        }
        return files;
    }
}
