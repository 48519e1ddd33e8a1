using System.Buffers.Binary;
using System.Text;
using ModelZooBridge.Arrays;
using ModelZooBridge.Serialization;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Serialization;

[Trait("Area", "SafeTensors")]
public sealed class SafeTensorsTests
{
    // An independent reader and writer of the published layout, with numpy: the header is read with json, the data
    // with numpy.frombuffer at the header's offsets; tensors are written in reverse name order to test offset handling.
    private const string NumpyRoundTrip = """
        import json, struct, sys, numpy as np
        codes = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4", "U8": "u1", "BOOL": "?", "I16": "<i2", "U16": "<u2"}
        raw = open(sys.argv[1], "rb").read()
        (n,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n])
        data = raw[8 + n:]
        out = {}
        for name, e in header.items():
            if name == "__metadata__": continue
            b, end = e["data_offsets"]
            out[name] = np.frombuffer(data[b:end], dtype=codes[e["dtype"]]).reshape(e["shape"])
        print(json.dumps({k: [v.dtype.str, list(v.shape), float(v.astype(np.float64).sum())] for k, v in out.items()}, sort_keys=True))
        print(json.dumps(header.get("__metadata__", {}), sort_keys=True))
        # Write back, reversed order, unpadded header, with numpy doing the arithmetic on the values.
        items, offset, blobs = {}, 0, []
        for name in sorted(out, reverse=True):
            arr = np.ascontiguousarray(out[name] * 2 if out[name].dtype.kind == "f" else out[name])
            code = [c for c, d in codes.items() if np.dtype(d) == arr.dtype][0]
            blob = arr.tobytes()
            items[name] = {"dtype": code, "shape": list(arr.shape), "data_offsets": [offset, offset + len(blob)]}
            offset += len(blob); blobs.append(blob)
        items["__metadata__"] = {"written_by": "numpy"}
        h = json.dumps(items).encode()
        open(sys.argv[2], "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
        """;

    [Fact]
    public void Numpy_reads_what_we_write_and_we_read_what_it_writes()
    {
        var folder = ExternalTool.NewTempFolder();
        try
        {
            var weight = Sequence<float>(DType.Float32, [2, 3, 3, 3]);
            var steps = Sequence<long>(DType.Int64, [1]);
            var flags = NdArray.Create(DType.UInt8, [5]).As<byte>();
            flags.Span.Fill(7);
            var mine = Path.Combine(folder, "mine.safetensors");
            var theirs = Path.Combine(folder, "theirs.safetensors");
            SafeTensors.Write(mine, new Dictionary<string, NdArray> { ["conv.weight"] = weight, ["adam.step"] = steps, ["flags"] = flags },
                new Dictionary<string, string> { ["epoch"] = "3" });

            var lines = ExternalTool.RunPython(NumpyRoundTrip, mine, theirs).Split('\n');
            Assert.Equal("""{"adam.step": ["<i8", [1], 0.0], "conv.weight": ["<f4", [2, 3, 3, 3], 1431.0], "flags": ["|u1", [5], 35.0]}""", lines[0]);
            Assert.Equal("""{"epoch": "3"}""", lines[1]);

            var back = SafeTensors.Read(theirs);
            Assert.Equal("numpy", back.Metadata["written_by"]);
            var doubled = back.Tensors["conv.weight"].As<float>();
            Assert.Equal([2, 3, 3, 3], doubled.Shape.ToArray());
            Assert.Equal(weight.Span.ToArray().Select(v => v * 2), doubled.Span.ToArray());
            Assert.Equal(DType.UInt8, back.Tensors["flags"].DType);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Round_trip_keeps_every_dtype_and_scalars()
    {
        var tensors = new Dictionary<string, NdArray>();
        foreach (var dtype in Enum.GetValues<DType>())
        {
            var array = NdArray.Create(dtype, [2, 3]);
            for (int i = 0; i < array.Bytes.Length; i++) array.Bytes[i] = (byte)(dtype == DType.Bool ? i % 2 : i * 37 + 1);
            tensors[dtype.Name()] = array;
        }
        tensors["scalar"] = NdArray.Create(DType.Float64, []);
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors);
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(stream.GetBuffer()) % 8);
        stream.Position = 0;
        var back = SafeTensors.Read(stream, "memory");
        Assert.Equal(tensors.Keys.Order(), back.Tensors.Keys.Order());
        foreach (var (name, array) in tensors)
        {
            Assert.Equal(array.DType, back.Tensors[name].DType);
            Assert.Equal(array.Shape.ToArray(), back.Tensors[name].Shape.ToArray());
            Assert.Equal(array.Bytes.ToArray(), back.Tensors[name].Bytes.ToArray());
        }
        Assert.Empty(back.Metadata);
    }

    public static TheoryData<string, string> Corrupt() => new()
    {
        { """{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "spans 4 bytes" },
        { """{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", "dtype F16, which is not supported" },
        { """{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "starts at byte 4 of the data, expected 0" },
        { """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}""", "ends inside tensor 'w'" },
        { """{"w":{"dtype":"F32","shape":[1]}}""", "needs dtype, shape and two data_offsets" },
        { """[1,2]""", "header is not a JSON object" },
        { """{"w":""", "header is not JSON" },
        { """{"__metadata__":{"a":1}}""", "__metadata__ value 'a' is not a string" },
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void Corrupt_headers_are_refused_naming_the_file_and_problem(string header, string problem)
    {
        var bytes = Encoding.UTF8.GetBytes(header);
        using var stream = new MemoryStream();
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
        stream.Write(new byte[8]);
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(stream, "ckpt.safetensors"));
        Assert.StartsWith("ckpt.safetensors: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Truncated_file_and_absurd_header_length_are_refused()
    {
        Assert.Contains("shorter than the 8-byte header length",
            Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream([1, 2, 3]), "x")).Message);
        var huge = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(huge, ulong.MaxValue);
        Assert.Contains("header length",
            Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(huge), "x")).Message);
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_checkpoint_intact()
    {
        var folder = ExternalTool.NewTempFolder();
        try
        {
            var path = Path.Combine(folder, "last.safetensors");
            SafeTensors.Write(path, new Dictionary<string, NdArray> { ["a"] = Sequence<float>(DType.Float32, [4]) });
            var before = File.ReadAllBytes(path);
            Assert.Throws<ArgumentException>(() =>
                SafeTensors.Write(path, new Dictionary<string, NdArray> { ["__metadata__"] = Sequence<float>(DType.Float32, [4]) }));
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static NdArray<T> Sequence<T>(DType dtype, int[] shape) where T : unmanaged
    {
        var array = NdArray.Create(dtype, shape).ConvertTo(DType.Float64).As<double>();
        for (int i = 0; i < array.Span.Length; i++) array.Span[i] = i;
        return array.ConvertTo(dtype).As<T>();
    }
}
