using ModelZooBridge.Arrays;
using ModelZooBridge.IO;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// Whole-array <c>.npy</c> reading and writing
/// (<see href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</see>).
/// Reading accepts versions 1.0, 2.0 and 3.0, any byte order, C or Fortran order; writing produces version 1.0
/// (2.0 when the header needs it), little-endian, C order, data aligned to 64 bytes as numpy does.
/// </summary>
public static class NpyFile
{
    /// <summary>Files with at least this many data bytes are viewed through a memory mapping instead of copied.</summary>
    public const long MappingThreshold = 64L << 20;

    /// <summary>Data longer than this in a stream that cannot seek is buffered in steps, so a short stream never causes a large allocation.</summary>
    private const long UncheckedAllocationLimit = 16L << 20;

    /// <summary>
    /// Reads a whole <c>.npy</c> file. When the data is C-ordered, little-endian, not bool and at least
    /// <see cref="MappingThreshold"/> bytes, the result views a memory mapping of the file without copying; dispose it to
    /// release the mapping. Writes to such an array stay private to this process (copy-on-write) and never change the file.
    /// Otherwise the result is an in-memory copy.
    /// </summary>
    /// <param name="path">The <c>.npy</c> file.</param>
    /// <param name="axes">One name per dimension; <see cref="AxisId.DefaultFor"/> the rank when omitted.</param>
    /// <exception cref="ImageFormatException">When the file is not a valid npy file, is truncated, holds an unsupported dtype or is too large for one array.</exception>
    public static NdArray Read(string path, IReadOnlyList<AxisId>? axes = null) => Read(path, axes, MappingThreshold);

    internal static NdArray Read(string path, IReadOnlyList<AxisId>? axes, long mappingThreshold)
    {
        using var reader = NpyReader.Open(path, axes);
        var header = reader.Header;
        CheckFitsInMemory(header, path);
        bool mappable = !header.FortranOrder && !header.BigEndian && header.DType != DType.Bool
            && header.DataBytes >= mappingThreshold && header.DataBytes > 0
            && header.DataOffset % header.DType.SizeOf() == 0;
        if (!mappable) return reader.ReadAll();
        MappedFile file;
        try
        {
            file = MappedFile.Open(path, copyOnWrite: true);
        }
        catch (IOException e)
        {
            throw new ImageFormatException(path, $"cannot map: {e.Message}", e);
        }
        if (file.Length < header.DataOffset + header.DataBytes)
        {
            file.Dispose();
            throw new ImageFormatException(path, "file shrank while it was being read");
        }
        var info = reader.Info;
        int count = (int)header.ElementCount;
        return header.DType switch
        {
            DType.UInt8 => View<byte>(file, header.DataOffset, count, info),
            DType.Int8 => View<sbyte>(file, header.DataOffset, count, info),
            DType.UInt16 => View<ushort>(file, header.DataOffset, count, info),
            DType.Int16 => View<short>(file, header.DataOffset, count, info),
            DType.UInt32 => View<uint>(file, header.DataOffset, count, info),
            DType.Int32 => View<int>(file, header.DataOffset, count, info),
            DType.Int64 => View<long>(file, header.DataOffset, count, info),
            DType.Float32 => View<float>(file, header.DataOffset, count, info),
            _ => View<double>(file, header.DataOffset, count, info),
        };
    }

    /// <summary>
    /// Reads a whole <c>.npy</c> array from a stream, e.g. a zip entry. The header length and the data length are checked
    /// before anything large is allocated; a stream that cannot seek is read in bounded steps.
    /// </summary>
    /// <param name="stream">Positioned at the start of the npy data.</param>
    /// <param name="nameForErrors">Names the source in <see cref="ImageFormatException"/> messages.</param>
    /// <param name="axes">One name per dimension; <see cref="AxisId.DefaultFor"/> the rank when omitted.</param>
    /// <exception cref="ImageFormatException">When the data is not a valid npy array, is truncated or holds an unsupported dtype.</exception>
    public static unsafe NdArray Read(Stream stream, string nameForErrors, IReadOnlyList<AxisId>? axes = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(nameForErrors);
        try
        {
            var header = NpyHeader.Read(stream, nameForErrors);
            var info = NpyReader.MakeInfo(header, axes, nameForErrors);
            CheckFitsInMemory(header, nameForErrors);
            if (stream.CanSeek)
            {
                long available = stream.Length - stream.Position;
                if (available < header.DataBytes)
                    throw new ImageFormatException(nameForErrors, $"data is truncated: the header promises {header.DataBytes} bytes, the stream holds {available}");
            }
            else if (header.DataBytes > UncheckedAllocationLimit)
            {
                stream = Buffer(stream, header.DataBytes, nameForErrors);
            }
            var raw = new byte[header.DataBytes];
            try
            {
                stream.ReadExactly(raw);
            }
            catch (EndOfStreamException)
            {
                throw new ImageFormatException(nameForErrors, $"data is truncated: the header promises {header.DataBytes} bytes");
            }
            var array = NdArray.Create(info.DType, info.Shape.AsSpan(), info.Axes.AsSpan());
            var bytes = array.Bytes;
            int planeBytes = (int)info.PlaneBytes;
            fixed (byte* data = raw)
            {
                for (long p = 0; p < info.PlaneCount && planeBytes > 0; p++)
                    NpyPlaneCopy.Copy(data, header, info, p, bytes.Slice((int)(p * planeBytes), planeBytes));
            }
            return array;
        }
        catch (IOException e)
        {
            throw new ImageFormatException(nameForErrors, $"cannot read: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException(nameForErrors, $"cannot read: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically: the file appears complete or not at all.</summary>
    public static void Write(string path, NdArray array)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(array);
        using var file = AtomicFile.Create(path);
        Write(file.Stream, array);
        file.Commit();
    }

    /// <summary>Writes <paramref name="array"/> as npy (C order, little-endian) at the stream's position.</summary>
    public static void Write(Stream stream, NdArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        stream.Write(NpyHeader.Format(array.DType, array.Shape.AsSpan()));
        stream.Write(array.Bytes);
    }

    internal static void CheckFitsInMemory(NpyHeader header, string name)
    {
        if (header.DataBytes > int.MaxValue)
            throw new ImageFormatException(name, $"array of {header.DataBytes} bytes is too large for one in-memory array (limit {int.MaxValue}); read it plane by plane with NpyReader");
    }

    private static NdArray<T> View<T>(MappedFile file, long offset, int count, ImageInfo info) where T : unmanaged
    {
        var memory = new MappedMemory<T>(file, offset, count);
        return new NdArray<T>(memory.Memory, info.Shape.AsSpan(), info.Axes.AsSpan(), memory);
    }

    private static MemoryStream Buffer(Stream stream, long length, string name)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 20];
        while (buffer.Length < length)
        {
            int want = (int)Math.Min(chunk.Length, length - buffer.Length);
            int got = stream.Read(chunk, 0, want);
            if (got == 0)
                throw new ImageFormatException(name, $"data is truncated: the header promises {length} bytes, the stream holds {buffer.Length}");
            buffer.Write(chunk, 0, got);
        }
        buffer.Position = 0;
        return buffer;
    }
}
