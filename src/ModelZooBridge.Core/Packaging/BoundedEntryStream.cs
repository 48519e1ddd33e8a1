using ICSharpCode.SharpZipLib;

namespace ModelZooBridge.Packaging;

/// <summary>
/// Wraps the inflater of one zip entry and checks, on the bytes actually produced, that the entry never inflates
/// beyond its declared size or the <see cref="PackageLimits"/>, and at the end that length and CRC-32 match the
/// central directory. Inflation stops at the first byte too many, so a lying header costs one buffer, not the bomb.
/// </summary>
internal sealed class BoundedEntryStream : Stream
{
    private readonly Stream _inner;
    private readonly string _packagePath;
    private readonly string _entryName;
    private readonly long _declaredSize;
    private readonly long _compressedSize;
    private readonly long? _expectedCrc;
    private readonly PackageLimits _limits;
    private uint _crc = Crc32.Initial;
    private long _produced;
    private bool _verified;

    public BoundedEntryStream(Stream inner, string packagePath, string entryName, long declaredSize, long compressedSize, long? expectedCrc, PackageLimits limits)
    {
        _inner = inner;
        _packagePath = packagePath;
        _entryName = entryName;
        _declaredSize = declaredSize;
        _compressedSize = compressedSize;
        _expectedCrc = expectedCrc;
        _limits = limits;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _declaredSize;

    public override long Position
    {
        get => _produced;
        set => throw new NotSupportedException("zip entry streams are sequential");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        // Never ask for more than one byte beyond the declared size: that byte, if it comes, proves the lie.
        var remaining = _declaredSize - _produced;
        var request = (int)Math.Min(buffer.Length, Math.Max(remaining, 0) + 1);
        int read;
        try
        {
            read = _inner.Read(buffer[..request]);
        }
        catch (Exception e) when (e is SharpZipBaseException or IOException)
        {
            throw Fail($"corrupt compressed data ({e.Message})", e);
        }
        if (read == 0)
        {
            Verify();
            return 0;
        }
        _produced += read;
        if (_produced > _declaredSize)
            throw Fail($"inflates beyond its declared size of {_declaredSize} bytes (zip bomb or corrupt archive)");
        if (_produced > _limits.MaxEntrySize)
            throw Fail($"inflates beyond the limit of {_limits.MaxEntrySize} bytes per entry");
        if (_limits.ExceedsRatio(_produced, _compressedSize))
            throw Fail($"compression ratio above {_limits.MaxCompressionRatio} ({_produced} bytes from {_compressedSize}; zip bomb)");
        _crc = Crc32.Update(_crc, buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("zip entry streams are sequential");

    public override void SetLength(long value) => throw new NotSupportedException("zip entry streams are read-only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("zip entry streams are read-only");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    private void Verify()
    {
        if (_verified) return;
        _verified = true;
        if (_produced != _declaredSize)
            throw Fail($"truncated: inflated {_produced} of {_declaredSize} declared bytes");
        var crc = Crc32.Finish(_crc);
        if (_expectedCrc is { } expected && crc != expected)
            throw Fail($"CRC-32 mismatch (computed {crc:x8}, central directory says {expected:x8})");
    }

    private PackageException Fail(string problem, Exception? inner = null) =>
        new(_packagePath, $"entry '{_entryName}' {problem}", inner);
}
