using Google.Protobuf;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Onnx;

/// <summary>
/// What an ONNX model file declares, read without its weights: IR version, operator sets, producer, graph inputs
/// and outputs (name, element type, static or symbolic dims) and initializer names and shapes.
/// </summary>
/// <remarks>
/// <para>The file is parsed as <c>ModelSummary</c> (Onnx/onnx.proto): the same field numbers as <c>ModelProto</c>
/// without nodes and tensor payloads, with unknown fields discarded, so weights are skipped by length while
/// streaming. Memory use is the metadata plus a small buffer, whatever the file size; a length that claims more
/// than the file holds ends as a truncation error, never as an allocation of that length.</para>
/// <para>Limits: nesting deeper than <see cref="RecursionLimit"/> is refused, and files of 2 GiB or more are refused
/// because protobuf messages cannot exceed 2 GiB (larger ONNX models keep their weights in external data files).</para>
/// </remarks>
public sealed class OnnxModelInfo
{
    /// <summary>The deepest message nesting accepted (protobuf's default).</summary>
    public const int RecursionLimit = 100;

    /// <summary>The default operator-set domain (<c>ai.onnx</c>, written as the empty string in files).</summary>
    public const string DefaultDomain = "ai.onnx";

    private static readonly MessageParser<ModelSummary> Parser = ModelSummary.Parser.WithDiscardUnknownFields(true);

    private OnnxModelInfo(
        long irVersion,
        IReadOnlyDictionary<string, long> opsets,
        string producerName,
        string producerVersion,
        string graphName,
        IReadOnlyList<OnnxTensorInfo> graphInputs,
        IReadOnlyList<OnnxTensorInfo> outputs,
        IReadOnlyList<OnnxInitializerInfo> initializers,
        IReadOnlyDictionary<string, string> metadata)
    {
        IrVersion = irVersion;
        Opsets = opsets;
        ProducerName = producerName;
        ProducerVersion = producerVersion;
        GraphName = graphName;
        GraphInputs = graphInputs;
        Outputs = outputs;
        Initializers = initializers;
        Metadata = metadata;
        var initializerNames = initializers.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Inputs = graphInputs.Where(i => !initializerNames.Contains(i.Name)).ToArray();
    }

    /// <summary>The ONNX IR version (<c>ir_version</c>).</summary>
    public long IrVersion { get; }

    /// <summary>Operator-set versions by domain; the default domain is listed as <see cref="DefaultDomain"/>.</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; }

    /// <summary>The version of the default <c>ai.onnx</c> operator set, which a description's <c>opset_version</c> declares.</summary>
    public long? DefaultOpsetVersion => Opsets.TryGetValue(DefaultDomain, out var version) ? version : null;

    /// <summary>The exporter, e.g. <c>pytorch</c>.</summary>
    public string ProducerName { get; }

    /// <summary>The exporter's version.</summary>
    public string ProducerVersion { get; }

    /// <summary>The graph's name.</summary>
    public string GraphName { get; }

    /// <summary>
    /// The inputs a caller feeds: graph inputs that no initializer backs (IR &lt; 4 files list weights as inputs
    /// too). This is what ONNX Runtime reports as the session inputs, matched positionally to a description's inputs.
    /// </summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>Every graph input as written, initializer-backed ones included.</summary>
    public IReadOnlyList<OnnxTensorInfo> GraphInputs { get; }

    /// <summary>The graph outputs.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The initializers (weights), without data.</summary>
    public IReadOnlyList<OnnxInitializerInfo> Initializers { get; }

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads the model at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxFormatException">The file is not a readable ONNX model.</exception>
    /// <exception cref="IOException">The file is missing or cannot be opened (as <see cref="FileStream"/> reports it).</exception>
    public static OnnxModelInfo Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>Reads a model from <paramref name="stream"/> (sequentially; it need not be seekable and is left open).</summary>
    /// <param name="stream">The model bytes.</param>
    /// <param name="name">The file name used in error messages.</param>
    /// <exception cref="OnnxFormatException">The bytes are not a readable ONNX model.</exception>
    public static OnnxModelInfo Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining == 0) throw new OnnxFormatException(name, "empty file, not an ONNX model");
            if (remaining > int.MaxValue)
                throw new OnnxFormatException(name, $"{remaining} bytes, over protobuf's 2 GiB message limit (store the weights as ONNX external data)");
        }
        ModelSummary model;
        try
        {
            // Not disposed: that would close the caller's stream, and the coded stream holds nothing else.
            var input = CodedInputStream.CreateWithLimits(stream, int.MaxValue, RecursionLimit);
            model = Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(name, $"corrupt or truncated ONNX protobuf ({OneLine(e.Message)})", e);
        }
        catch (IOException e)
        {
            throw new OnnxFormatException(name, $"cannot be read ({OneLine(e.Message)})", e);
        }
        return FromSummary(model, name);
    }

    private static OnnxModelInfo FromSummary(ModelSummary model, string name)
    {
        if (model.IrVersion <= 0)
            throw new OnnxFormatException(name, model.IrVersion == 0 ? "no ir_version: not an ONNX model" : $"invalid ir_version {model.IrVersion}");
        if (model.Graph is null) throw new OnnxFormatException(name, "no graph: not an ONNX model");
        if (model.OpsetImport.Count == 0 && model.IrVersion >= 3)
            throw new OnnxFormatException(name, $"no opset_import, which IR version {model.IrVersion} requires");
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var opset in model.OpsetImport)
        {
            var domain = opset.Domain.Length == 0 ? DefaultDomain : opset.Domain;
            if (!opsets.TryAdd(domain, opset.Version))
                throw new OnnxFormatException(name, $"operator set domain '{domain}' imported twice");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in model.MetadataProps) metadata[entry.Key] = entry.Value;
        var graph = model.Graph;
        return new OnnxModelInfo(
            model.IrVersion,
            opsets,
            model.ProducerName,
            model.ProducerVersion,
            graph.Name,
            graph.Input.Select(ToTensorInfo).ToArray(),
            graph.Output.Select(ToTensorInfo).ToArray(),
            graph.Initializer.Select(ToInitializerInfo).ToArray(),
            metadata);
    }

    private static OnnxTensorInfo ToTensorInfo(ValueInfoProto value)
    {
        var type = value.Type;
        var (kind, elementType, shape) = type?.ValueCase switch
        {
            TypeProto.ValueOneofCase.TensorType => (OnnxValueKind.Tensor, type.TensorType.ElemType, type.TensorType.Shape),
            TypeProto.ValueOneofCase.SparseTensorType => (OnnxValueKind.SparseTensor, type.SparseTensorType.ElemType, type.SparseTensorType.Shape),
            TypeProto.ValueOneofCase.SequenceType => (OnnxValueKind.Sequence, 0, null),
            TypeProto.ValueOneofCase.MapType => (OnnxValueKind.Map, 0, null),
            TypeProto.ValueOneofCase.OptionalType => (OnnxValueKind.Optional, 0, null),
            _ => (OnnxValueKind.Unknown, 0, (TensorShapeProto?)null),
        };
        var typeName = kind is OnnxValueKind.Tensor or OnnxValueKind.SparseTensor
            ? OnnxElementTypes.Name(elementType)
            : kind.ToString().ToLowerInvariant();
        var dims = shape?.Dim.Select(ToDim).ToArray();
        return new OnnxTensorInfo(value.Name, kind, OnnxElementTypes.ToDType(elementType), typeName, elementType, dims);
    }

    private static OnnxDim ToDim(TensorShapeProto.Types.Dimension dim) => dim.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => OnnxDim.Fixed(dim.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => OnnxDim.Symbolic(dim.DimParam),
        _ => OnnxDim.Unknown,
    };

    private static OnnxInitializerInfo ToInitializerInfo(TensorSummary tensor)
    {
        string? location = null;
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            location = tensor.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "";
        return new OnnxInitializerInfo(
            tensor.Name,
            OnnxElementTypes.ToDType(tensor.DataType),
            OnnxElementTypes.Name(tensor.DataType),
            tensor.Dims.ToArray(),
            location);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
