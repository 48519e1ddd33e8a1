using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// The header of an <c>.npy</c> file (<see href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</see>):
/// magic <c>\x93NUMPY</c>, version, header length, then a Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>.
/// </summary>
internal sealed record NpyHeader(DType DType, bool BigEndian, bool FortranOrder, int[] Shape, long DataOffset)
{
    /// <summary>Headers longer than this are refused before anything is allocated (numpy's own reader stops at 10 000 by default).</summary>
    public const int MaxHeaderLength = 1 << 20;

    /// <summary>numpy arrays have at most 32 dimensions (<c>NPY_MAXDIMS</c> in numpy 1.x).</summary>
    public const int MaxRank = 32;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Number of elements.</summary>
    public long ElementCount { get; } = CountElements(Shape);

    /// <summary>Number of data bytes the header promises.</summary>
    public long DataBytes => ElementCount * DType.SizeOf();

    /// <summary>Reads and validates the header at the start of <paramref name="stream"/>, leaving it at the first data byte.</summary>
    /// <exception cref="ImageFormatException">When the header is malformed, truncated or describes an unsupported array.</exception>
    public static NpyHeader Read(Stream stream, string name)
    {
        Span<byte> prelude = stackalloc byte[12];
        ReadExactly(stream, prelude[..10], name, "file is shorter than the 10-byte npy preamble");
        if (!prelude[..6].SequenceEqual(Magic)) throw new ImageFormatException(name, "not an npy file (magic \\x93NUMPY missing)");
        byte major = prelude[6], minor = prelude[7];
        if (major is not (1 or 2 or 3) || minor != 0)
            throw new ImageFormatException(name, $"npy format version {major}.{minor} is not supported (1.0, 2.0 and 3.0 are)");
        long headerLength;
        int preludeLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prelude[8..10]);
            preludeLength = 10;
        }
        else
        {
            ReadExactly(stream, prelude[10..12], name, "file ends inside the npy preamble");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prelude[8..12]);
            preludeLength = 12;
        }
        if (headerLength > MaxHeaderLength)
            throw new ImageFormatException(name, $"npy header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes");
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, name, $"file ends inside the {headerLength}-byte npy header");
        string text;
        try
        {
            text = major == 3
                ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes)
                : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ImageFormatException(name, "npy 3.0 header is not valid UTF-8");
        }
        return Parse(text, preludeLength + headerLength, name);
    }

    /// <summary>Interprets the header text (the dict literal and its padding).</summary>
    public static NpyHeader Parse(string text, long dataOffset, string name)
    {
        object? literal;
        try
        {
            literal = PythonLiteral.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ImageFormatException(name, $"malformed npy header: {e.Message}");
        }
        if (literal is not PythonLiteral.Dict dict) throw new ImageFormatException(name, "npy header is not a Python dict");

        object? descr = null, fortran = null, shape = null;
        bool hasDescr = false, hasFortran = false, hasShape = false;
        foreach (var (key, value) in dict.Entries)
        {
            switch (key)
            {
                case "descr" when !hasDescr: descr = value; hasDescr = true; break;
                case "fortran_order" when !hasFortran: fortran = value; hasFortran = true; break;
                case "shape" when !hasShape: shape = value; hasShape = true; break;
                case "descr" or "fortran_order" or "shape": throw new ImageFormatException(name, $"npy header has key '{key}' twice");
                default: throw new ImageFormatException(name, $"npy header has unexpected key '{Printable(key)}'");
            }
        }
        if (!hasDescr) throw new ImageFormatException(name, "npy header has no 'descr'");
        if (!hasFortran) throw new ImageFormatException(name, "npy header has no 'fortran_order'");
        if (!hasShape) throw new ImageFormatException(name, "npy header has no 'shape'");

        var (dtype, bigEndian) = ParseDescr(descr, name);
        if (fortran is not bool fortranOrder) throw new ImageFormatException(name, "npy header 'fortran_order' is not True or False");
        var dims = ParseShape(shape, name);
        return new NpyHeader(dtype, bigEndian, fortranOrder, dims, dataOffset);
    }

    /// <summary>The complete header (preamble, dict, padding, newline) numpy would accept, version 1.0 unless it needs 2.0, data aligned to 64 bytes.</summary>
    public static byte[] Format(DType dtype, ReadOnlySpan<int> shape)
    {
        var dims = shape.Length == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : "(" + string.Join(", ", shape.ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        var dict = $"{{'descr': '{NpyDescr.Format(dtype)}', 'fortran_order': False, 'shape': {dims}, }}";
        int preludeLength = 10;
        int total = Align64(preludeLength + dict.Length + 1);
        if (total - preludeLength > ushort.MaxValue)
        {
            preludeLength = 12;
            total = Align64(preludeLength + dict.Length + 1);
        }
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = preludeLength == 10 ? (byte)1 : (byte)2;
        int headerLength = total - preludeLength;
        if (preludeLength == 10) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(preludeLength));
        bytes.AsSpan(preludeLength + dict.Length, headerLength - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static int Align64(int length) => (length + 63) / 64 * 64;

    private static (DType, bool) ParseDescr(object? descr, string name)
    {
        if (descr is PythonLiteral.List or PythonLiteral.Tuple)
            throw new ImageFormatException(name, "structured dtype is not supported");
        if (descr is not string text) throw new ImageFormatException(name, "npy header 'descr' is not a string");
        if (!NpyDescr.TryParse(text, out var dtype, out bool bigEndian))
            throw new ImageFormatException(name, $"dtype '{Printable(text)}' is not supported");
        return (dtype, bigEndian);
    }

    private static int[] ParseShape(object? shape, string name)
    {
        if (shape is not PythonLiteral.Tuple tuple) throw new ImageFormatException(name, "npy header 'shape' is not a tuple");
        if (tuple.Items.Count > MaxRank)
            throw new ImageFormatException(name, $"npy shape has {tuple.Items.Count} dimensions, more than numpy's {MaxRank}");
        var dims = new int[tuple.Items.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            if (tuple.Items[i] is not long dim) throw new ImageFormatException(name, $"npy shape entry {i} is not an integer");
            if (dim < 0 || dim > int.MaxValue)
                throw new ImageFormatException(name, $"npy shape entry {i} is {dim}, outside 0..{int.MaxValue}");
            dims[i] = (int)dim;
        }
        try
        {
            _ = checked(CountElements(dims) * 8);
        }
        catch (OverflowException)
        {
            throw new ImageFormatException(name, $"npy shape ({string.Join(", ", dims)}) is too large");
        }
        return dims;
    }

    private static long CountElements(int[] shape)
    {
        long count = 1;
        foreach (int dim in shape) count = checked(count * dim);
        return count;
    }

    private static string Printable(string text)
    {
        var shortened = text.Length <= 40 ? text : text[..40] + "…";
        return string.Concat(shortened.Select(c => char.IsControl(c) ? '?' : c));
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name, string problem)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new ImageFormatException(name, problem);
        }
    }
}
