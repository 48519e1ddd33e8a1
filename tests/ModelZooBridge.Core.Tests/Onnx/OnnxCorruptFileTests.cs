using Google.Protobuf;
using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Tests.Onnx;

[Trait("Area", "Onnx")]
public sealed class OnnxCorruptFileTests
{
    [Fact]
    public void EmptyFile_IsRefused()
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(), "empty.onnx"));
        Assert.Equal("empty.onnx: empty file, not an ONNX model", e.Message);
    }

    [Fact]
    public void TextFile_IsRefused()
    {
        var bytes = "type: model\nformat_version: 0.5.7\n"u8.ToArray();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(bytes), "rdf.yaml"));
        Assert.StartsWith("rdf.yaml: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TruncatedRealModel_IsReportedAsTruncated()
    {
        var bytes = File.ReadAllBytes(TestFiles.UNetNucleiBroadOnnx);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(bytes, 0, bytes.Length / 2), "half.onnx"));
        Assert.Contains("truncated", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void DeclaredHugeLength_FailsWithoutAllocatingIt()
    {
        // ir_version = 9, then graph (field 7, length-delimited) claiming 2,147,483,632 bytes, then 10 bytes.
        byte[] bytes = [0x08, 0x09, 0x3A, 0xF0, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new NonSeekableStream(new MemoryStream(bytes)), "liar.onnx"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("truncated", e.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void HugeRawDataLengthInsideAnInitializer_FailsWithoutAllocatingIt()
    {
        // A well-formed graph whose only initializer claims 1.5 GB of raw_data; the file holds a few bytes.
        var tensor = new byte[] { 0x4A, 0x80, 0x80, 0x80, 0x80, 0x06, 1, 2, 3 }; // field 9 (raw_data), length 0x60000000
        var graph = new byte[] { 0x2A, (byte)tensor.Length }.Concat(tensor).ToArray(); // field 5 (initializer)
        var model = new byte[] { 0x08, 0x09, 0x3A, (byte)graph.Length }.Concat(graph).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(model), "liar.onnx"));
        Assert.Contains("truncated", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }

    [Fact]
    public void ProtobufWithoutGraph_IsNotAModel()
    {
        var bytes = new ModelProto { IrVersion = 8, OpsetImport = { new OperatorSetIdProto { Version = 17 } } }.ToByteArray();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(bytes), "nograph.onnx"));
        Assert.Equal("nograph.onnx: no graph: not an ONNX model", e.Message);
    }

    [Fact]
    public void MissingOpsetImport_IsRefused()
    {
        var bytes = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "g" } }.ToByteArray();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(bytes), "m.onnx"));
        Assert.Contains("no opset_import", e.Message);
    }

    [Fact]
    public void NestingBeyondTheRecursionLimit_IsRefused()
    {
        var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } };
        for (var i = 0; i < 150; i++) type = new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = type } };
        var model = new ModelProto
        {
            IrVersion = 8,
            OpsetImport = { new OperatorSetIdProto { Version = 17 } },
            Graph = new GraphProto { Input = { new ValueInfoProto { Name = "deep", Type = type } } },
        };
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new MemoryStream(model.ToByteArray()), "deep.onnx"));
        Assert.Contains("recursion", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StreamOverTwoGiB_IsRefusedBeforeParsing()
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModelInfo.Read(new HugeLengthStream(), "huge.onnx"));
        Assert.Contains("2 GiB", e.Message);
    }

    private sealed class HugeLengthStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => 3L << 30;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("must not be read");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
