using System.Buffers;

namespace ModelZooBridge.IO;

/// <summary>
/// <see cref="Memory{T}"/> over part of a <see cref="MappedFile"/>, so an array can view a file without copying it.
/// Disposing it unmaps the file.
/// </summary>
internal sealed unsafe class MappedMemory<T> : MemoryManager<T> where T : unmanaged
{
    private readonly MappedFile _file;
    private readonly long _offset;
    private readonly int _length;

    /// <summary>Views <paramref name="length"/> elements starting <paramref name="offset"/> bytes into the file; takes ownership of it.</summary>
    public MappedMemory(MappedFile file, long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + (long)length * sizeof(T) > file.Length)
            throw new ArgumentOutOfRangeException(nameof(length), $"{length} elements at offset {offset} do not fit a file of {file.Length} bytes");
        _file = file;
        _offset = offset;
        _length = length;
    }

    /// <summary>The mapped file, for tests and diagnostics.</summary>
    public MappedFile File => _file;

    /// <inheritdoc/>
    public override Span<T> GetSpan() => new(_file.Pointer + _offset, _length);

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if ((uint)elementIndex > (uint)_length) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        return new MemoryHandle((T*)(_file.Pointer + _offset) + elementIndex);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => _file.Dispose();
}
