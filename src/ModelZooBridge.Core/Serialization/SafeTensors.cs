using System.Buffers.Binary;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.IO;

namespace ModelZooBridge.Serialization;

/// <summary>
/// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each tensor
/// name to its <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> (plus an optional <c>__metadata__</c> string map),
/// then the tensors' bytes, C order, little-endian. Used for training checkpoints.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (the reference implementation's limit).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>Writes tensors (in name order) and metadata atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">Name → array; names must be unique and not <c>__metadata__</c>.</param>
    /// <param name="metadata">Free-form string pairs stored in the header, or null.</param>
    public static void Write(string path, IReadOnlyDictionary<string, NdArray> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        using var file = AtomicFile.Create(path);
        Write(file.Stream, tensors, metadata);
        file.Commit();
    }

    /// <summary>Writes tensors (in name order) and metadata to a stream.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, NdArray> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        var header = Header(names, tensors, metadata);
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (header.Length + 7) & ~7;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(header);
        for (int i = header.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var name in names) stream.Write(tensors[name].Bytes);
    }

    /// <summary>Reads every tensor and the metadata of a safetensors file.</summary>
    /// <exception cref="InvalidDataException">When the file is not valid safetensors; the message names the file.</exception>
    public static SafeTensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads every tensor and the metadata from a stream.</summary>
    /// <param name="stream">The stream, positioned at the file's start.</param>
    /// <param name="nameForErrors">The file name used in error messages.</param>
    /// <exception cref="InvalidDataException">When the data is not valid safetensors.</exception>
    public static SafeTensorsContent Read(Stream stream, string nameForErrors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
            throw Invalid(nameForErrors, "shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength is 0 or > MaxHeaderBytes)
            throw Invalid(nameForErrors, $"header length {headerLength} is outside 1..{MaxHeaderBytes}");
        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw Invalid(nameForErrors, $"the file ends inside its {headerLength}-byte header");
        var entries = ParseHeader(header, nameForErrors, out var metadata);

        long expected = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            if (entry.Begin != expected)
                throw Invalid(nameForErrors, $"tensor '{entry.Name}' starts at byte {entry.Begin} of the data, expected {expected} (gap or overlap)");
            expected = entry.End;
        }
        var tensors = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            var array = NdArray.Create(entry.DType, entry.Shape);
            if (stream.ReadAtLeast(array.Bytes, array.Bytes.Length, throwOnEndOfStream: false) < array.Bytes.Length)
                throw Invalid(nameForErrors, $"the file ends inside tensor '{entry.Name}'");
            tensors.Add(entry.Name, array);
        }
        if (stream.CanSeek && stream.Position != stream.Length)
            throw Invalid(nameForErrors, $"{stream.Length - stream.Position} bytes after the last tensor");
        return new SafeTensorsContent(tensors, metadata);
    }

    private static byte[] Header(string[] names, IReadOnlyDictionary<string, NdArray> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                if (name.Length == 0 || name == MetadataKey)
                    throw new ArgumentException($"'{name}' cannot name a tensor", nameof(tensors));
                var array = tensors[name];
                json.WriteStartObject(name);
                json.WriteString("dtype", Code(array.DType));
                json.WriteStartArray("shape");
                foreach (int size in array.Shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += array.Bytes.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static List<Entry> ParseHeader(byte[] header, string file, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException error)
        {
            throw Invalid(file, "header is not JSON: " + error.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid(file, "header is not a JSON object");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw Invalid(file, "__metadata__ is not an object");
                    foreach (var pair in property.Value.EnumerateObject())
                    {
                        if (pair.Value.ValueKind != JsonValueKind.String)
                            throw Invalid(file, $"__metadata__ value '{pair.Name}' is not a string");
                        metadata[pair.Name] = pair.Value.GetString()!;
                    }
                    continue;
                }
                if (entries.Exists(e => e.Name == property.Name)) throw Invalid(file, $"tensor '{property.Name}' appears twice");
                entries.Add(ParseEntry(property, file));
            }
        }
        return entries;
    }

    private static Entry ParseEntry(JsonProperty property, string file)
    {
        string name = property.Name;
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtypeJson) || dtypeJson.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsetsJson) || offsetsJson.ValueKind != JsonValueKind.Array
            || offsetsJson.GetArrayLength() != 2)
            throw Invalid(file, $"tensor '{name}' needs dtype, shape and two data_offsets");
        var code = dtypeJson.GetString()!;
        if (!TryParseCode(code, out var dtype))
            throw Invalid(file, $"tensor '{name}' has dtype {code}, which is not supported (BOOL, U8, I8, U16, I16, U32, I32, I64, F32, F64)");
        var shape = new int[shapeJson.GetArrayLength()];
        int d = 0;
        foreach (var size in shapeJson.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out shape[d]) || shape[d] < 0)
                throw Invalid(file, $"tensor '{name}' has an invalid shape entry {size}");
            d++;
        }
        var offsets = offsetsJson.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out long v) && v >= 0 ? v : -1).ToArray();
        if (offsets[0] < 0 || offsets[1] < offsets[0])
            throw Invalid(file, $"tensor '{name}' has invalid data_offsets");
        long bytes;
        try
        {
            bytes = checked(NdArray.ElementCount(shape) * dtype.SizeOf());
        }
        catch (OverflowException)
        {
            throw Invalid(file, $"tensor '{name}' is too large");
        }
        if (offsets[1] - offsets[0] != bytes)
            throw Invalid(file, $"tensor '{name}' spans {offsets[1] - offsets[0]} bytes, its {code} shape [{string.Join(",", shape)}] needs {bytes}");
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static string Code(DType dtype) => dtype switch
    {
        DType.Bool => "BOOL",
        DType.UInt8 => "U8",
        DType.Int8 => "I8",
        DType.UInt16 => "U16",
        DType.Int16 => "I16",
        DType.UInt32 => "U32",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    private static bool TryParseCode(string code, out DType dtype)
    {
        foreach (var candidate in Enum.GetValues<DType>())
        {
            if (Code(candidate) == code)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    private static InvalidDataException Invalid(string file, string problem) => new($"{file}: {problem}");

    private sealed record Entry(string Name, DType DType, int[] Shape, long Begin, long End);
}

/// <summary>The tensors and metadata of a safetensors file.</summary>
/// <param name="Tensors">Name → array (axes named by <see cref="AxisId.DefaultFor"/>).</param>
/// <param name="Metadata">The header's <c>__metadata__</c> pairs; empty when absent.</param>
public sealed record SafeTensorsContent(IReadOnlyDictionary<string, NdArray> Tensors, IReadOnlyDictionary<string, string> Metadata);
