using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.IO;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// Reads an <c>.npy</c> file (<see href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">format 1.0, 2.0 and 3.0</see>)
/// plane by plane from a read-only memory mapping: opening parses only the header. Each <see cref="ReadPlane"/> copies one plane,
/// swapping big-endian data to little-endian and gathering Fortran-ordered data into C order. Bool elements other
/// than 0 are returned as 1. Supported dtypes: bool, uint8, int8, uint16, int16, uint32, int32, int64, float32 and float64.
/// </summary>
public sealed unsafe class NpyReader : IImageReader
{
    private readonly NpyHeader _header;
    private readonly MappedFile? _file;

    private NpyReader(string path, NpyHeader header, ImageInfo info, MappedFile? file)
    {
        Path = path;
        _header = header;
        Info = info;
        _file = file;
    }

    /// <inheritdoc/>
    public string Path { get; }

    /// <inheritdoc/>
    public ImageInfo Info { get; }

    /// <summary>True when the data is in Fortran (column-major) order in the file.</summary>
    public bool FortranOrder => _header.FortranOrder;

    /// <summary>True when the data is big-endian in the file.</summary>
    public bool BigEndian => _header.BigEndian;

    internal NpyHeader Header => _header;

    /// <summary>Opens <paramref name="path"/> and parses its header.</summary>
    /// <param name="path">The <c>.npy</c> file.</param>
    /// <param name="axes">One name per dimension; <see cref="AxisId.DefaultFor"/> the rank when omitted.</param>
    /// <exception cref="ImageFormatException">When the file is not a valid npy file, is truncated or holds an unsupported dtype.</exception>
    /// <exception cref="ArgumentException">When <paramref name="axes"/> does not have one name per dimension.</exception>
    public static NpyReader Open(string path, IReadOnlyList<AxisId>? axes = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        NpyHeader header;
        long fileLength;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
            fileLength = stream.Length;
            header = NpyHeader.Read(stream, path);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ImageFormatException(path, $"cannot read: {e.Message}", e);
        }
        var info = MakeInfo(header, axes, path);
        long available = fileLength - header.DataOffset;
        if (available < header.DataBytes)
            throw new ImageFormatException(path, $"data is truncated: the header promises {header.DataBytes} bytes, the file holds {available}");
        MappedFile? file = null;
        if (header.DataBytes > 0)
        {
            try
            {
                file = MappedFile.Open(path, copyOnWrite: false);
            }
            catch (IOException e)
            {
                throw new ImageFormatException(path, $"cannot map: {e.Message}", e);
            }
            if (file.Length < header.DataOffset + header.DataBytes)
            {
                file.Dispose();
                throw new ImageFormatException(path, "file shrank while it was being opened");
            }
        }
        return new NpyReader(path, header, info, file);
    }

    /// <inheritdoc/>
    public void ReadPlane(long index, Span<byte> destination)
    {
        if ((ulong)index >= (ulong)Info.PlaneCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"plane index must be below {Info.PlaneCount}");
        if (destination.Length != Info.PlaneBytes)
            throw new ArgumentException($"destination holds {destination.Length} bytes, a plane has {Info.PlaneBytes}", nameof(destination));
        if (destination.IsEmpty) return;
        ObjectDisposedException.ThrowIf(_file is null, this);
        NpyPlaneCopy.Copy(_file.Pointer + _header.DataOffset, _header, Info, index, destination);
    }

    /// <summary>Reads the whole array into memory (C order, little-endian).</summary>
    /// <exception cref="ImageFormatException">When the array is too large for one in-memory array.</exception>
    public NdArray ReadAll()
    {
        NpyFile.CheckFitsInMemory(_header, Path);
        var array = NdArray.Create(Info.DType, Info.Shape.AsSpan(), Info.Axes.AsSpan());
        var bytes = array.Bytes;
        long planeBytes = Info.PlaneBytes;
        for (long p = 0; p < Info.PlaneCount; p++) ReadPlane(p, bytes.Slice((int)(p * planeBytes), (int)planeBytes));
        return array;
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose() => _file?.Dispose();

    internal static ImageInfo MakeInfo(NpyHeader header, IReadOnlyList<AxisId>? axes, string name)
    {
        int rank = header.Shape.Length;
        ImmutableArray<AxisId> names;
        if (axes is not null)
        {
            if (axes.Count != rank)
                throw new ArgumentException($"{axes.Count} axis names given for an array of rank {rank} in {name}", nameof(axes));
            names = [.. axes];
        }
        else
        {
            if (rank > 6) throw new ImageFormatException(name, $"rank {rank} has no default axis names; pass the axes explicitly");
            names = [.. AxisId.DefaultFor(rank)];
        }
        try
        {
            return new ImageInfo(header.DType, [.. header.Shape], names);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"axes for {name}: {e.Message}", nameof(axes), e);
        }
    }
}
