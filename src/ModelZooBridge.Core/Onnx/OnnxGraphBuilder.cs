using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Onnx;

/// <summary>
/// Builds an ONNX model (<see cref="ModelProto"/>) node by node in topological order, checking as it goes: every
/// node input must already be a graph input, an initializer or another node's output, and every value and node
/// name is unique. Modules of a network emit their nodes through it, naming them after their module path
/// (<c>encoder.0.conv1</c>); <see cref="UniqueName"/> keeps repeated names apart.
/// </summary>
/// <example>
/// <code>
/// var graph = new OnnxGraphBuilder(opset: 17);
/// var x = graph.AddInput("raw", DType.Float32, ["batch", 1, "y", "x"]);
/// var w = graph.AddInitializer("conv.weight", weights, [8, 1, 3, 3]);
/// var y = graph.AddNode("Conv", [x, w], "conv", OnnxAttributes.Ints("pads", 1, 1, 1, 1));
/// graph.AddOutput(graph.AddNode("Relu", [y], ["probability"], "relu")[0], DType.Float32, ["batch", 8, "y", "x"]);
/// File.WriteAllBytes("weights.onnx", graph.Build("modelzoobridge", "1.0").ToByteArray());
/// </code>
/// </example>
public sealed class OnnxGraphBuilder
{
    /// <summary>The oldest default-domain operator set supported (opset 13: per-axis Softmax, Resize with optional roi).</summary>
    public const int MinOpset = 13;

    /// <summary>The newest default-domain operator set supported.</summary>
    public const int MaxOpset = 21;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph importing the default operator set <paramref name="opset"/>.</summary>
    /// <param name="opset">Default-domain operator set version, <see cref="MinOpset"/> to <see cref="MaxOpset"/>.</param>
    /// <param name="graphName">The graph's <c>name</c>.</param>
    public OnnxGraphBuilder(int opset = 17, string graphName = "main")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, MinOpset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opset, MaxOpset);
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        Opset = opset;
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>The default-domain operator set version the model imports.</summary>
    public int Opset { get; }

    /// <summary>
    /// The IR version written: the one ONNX released with <see cref="Opset"/> (onnx's <c>VERSION_TABLE</c>), so
    /// checkers and runtimes of that release accept the file.
    /// </summary>
    public long IrVersion => Opset switch
    {
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    /// <summary>Names of the values defined so far (inputs, initializers, node outputs).</summary>
    public IReadOnlyCollection<string> Values => _values;

    /// <summary>
    /// A name not yet used by any value or node: the parts joined with <c>.</c> (empty parts skipped, as module paths
    /// are), with <c>_1</c>, <c>_2</c>, … appended when taken. The name is reserved, so the next call differs.
    /// </summary>
    /// <param name="parts">Prefix and local name, e.g. <c>("encoder.0", "conv1")</c>.</param>
    public string UniqueName(params ReadOnlySpan<string> parts)
    {
        var joined = string.Join('.', parts.ToArray().Where(p => !string.IsNullOrEmpty(p)));
        if (joined.Length == 0) throw new ArgumentException("a name needs at least one non-empty part", nameof(parts));
        var name = joined;
        for (int suffix = 1; IsTaken(name); suffix++) name = $"{joined}_{suffix}";
        _reserved.Add(name);
        return name;
    }

    /// <summary>Declares a graph input and returns its name.</summary>
    /// <param name="name">The input name (exact; it must not name a value yet).</param>
    /// <param name="elementType">Element type.</param>
    /// <param name="dims">Dimensions: fixed sizes or symbolic names such as <c>"batch"</c>, <c>"y"</c>.</param>
    public string AddInput(string name, DType elementType, params ReadOnlySpan<OnnxDim> dims)
    {
        Define(name, "graph input");
        _graph.Input.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    /// <summary>Declares the already produced value <paramref name="name"/> a graph output, with its type and shape.</summary>
    /// <exception cref="ArgumentException">No input, initializer or node produces <paramref name="name"/>, or it is already an output.</exception>
    public void AddOutput(string name, DType elementType, params ReadOnlySpan<OnnxDim> dims)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_values.Contains(name))
            throw new ArgumentException($"graph output '{name}' is not produced by any input, initializer or node", nameof(name));
        if (_graph.Output.Any(o => o.Name == name))
            throw new ArgumentException($"'{name}' is already a graph output", nameof(name));
        _graph.Output.Add(ValueInfo(name, elementType, dims));
    }

    /// <summary>Adds a float32 initializer (stored as little-endian <c>raw_data</c>) and returns its name.</summary>
    /// <param name="name">The initializer name, kept exactly (a parameter path such as <c>encoder.0.conv1.weight</c>).</param>
    /// <param name="data">The values in C order.</param>
    /// <param name="shape">The shape; its element count must equal <paramref name="data"/>'s length.</param>
    public string AddInitializer(string name, ReadOnlySpan<float> data, ReadOnlySpan<long> shape) =>
        AddInitializer(name, TensorProto.Types.DataType.Float, data, shape, static (value, bytes) => BinaryPrimitives.WriteSingleLittleEndian(bytes, value));

    /// <summary>Adds an int64 initializer (e.g. a <c>Reshape</c> shape or <c>Pad</c> amounts) and returns its name.</summary>
    /// <param name="name">The initializer name, kept exactly.</param>
    /// <param name="data">The values in C order.</param>
    /// <param name="shape">The shape; its element count must equal <paramref name="data"/>'s length.</param>
    public string AddInitializer(string name, ReadOnlySpan<long> data, ReadOnlySpan<long> shape) =>
        AddInitializer(name, TensorProto.Types.DataType.Int64, data, shape, static (value, bytes) => BinaryPrimitives.WriteInt64LittleEndian(bytes, value));

    /// <summary>
    /// Adds a node with one output and returns that output's name: <paramref name="name"/> made unique
    /// (<see cref="UniqueName"/>, or exactly a name that call reserved), which also names the node.
    /// </summary>
    /// <param name="opType">The operator, e.g. <c>Conv</c>.</param>
    /// <param name="inputs">Input value names, already defined; <c>""</c> leaves an optional input out.</param>
    /// <param name="name">Name hint, typically the module path (<c>encoder.0.conv1</c>).</param>
    /// <param name="attributes">Attributes (<see cref="OnnxAttributes"/>).</param>
    /// <exception cref="ArgumentException">An input is not defined yet.</exception>
    public string AddNode(string opType, IReadOnlyList<string> inputs, string name, params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CheckInputs(opType, inputs);
        // A name reserved by UniqueName and not used yet is taken as is.
        var unique = _reserved.Contains(name) ? name : UniqueName(name);
        Append(opType, inputs, [unique], unique, attributes);
        return unique;
    }

    /// <summary>
    /// Adds a node whose outputs get exactly the names <paramref name="outputs"/> (e.g. a graph output's name, or the
    /// several outputs of one node) and returns them. The node is named <paramref name="name"/> made unique.
    /// </summary>
    /// <exception cref="ArgumentException">An input is not defined yet, or an output name is already used.</exception>
    public IReadOnlyList<string> AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string name,
        params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0) throw new ArgumentException($"node '{name}' ({opType}) needs at least one output", nameof(outputs));
        CheckInputs(opType, inputs);
        if (outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Count)
            throw new ArgumentException($"node '{name}' ({opType}) names an output twice", nameof(outputs));
        foreach (var output in outputs) CheckUnused(output, $"output of node '{name}'");
        var nodeName = _reserved.Contains(name) ? name : UniqueName(name);
        Append(opType, inputs, outputs, nodeName, attributes);
        return outputs.ToArray();
    }

    /// <summary>
    /// The model: IR <see cref="IrVersion"/>, the default operator set <see cref="Opset"/>, the graph as built, and
    /// <paramref name="metadata"/> as <c>metadata_props</c>. The builder stays usable; each call returns a new copy.
    /// </summary>
    /// <param name="producerName">The exporting tool, e.g. <c>modelzoobridge</c>.</param>
    /// <param name="producerVersion">Its version.</param>
    /// <param name="docString">The model's <c>doc_string</c>.</param>
    /// <param name="metadata">Key/value pairs stored as <c>metadata_props</c>.</param>
    /// <exception cref="InvalidOperationException">The graph has no input or no output.</exception>
    public ModelProto Build(string producerName, string producerVersion, string docString = "", IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(producerName);
        ArgumentNullException.ThrowIfNull(producerVersion);
        ArgumentNullException.ThrowIfNull(docString);
        if (_graph.Input.Count == 0) throw new InvalidOperationException($"graph '{_graph.Name}' has no input");
        if (_graph.Output.Count == 0) throw new InvalidOperationException($"graph '{_graph.Name}' has no output");
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = producerName,
            ProducerVersion = producerVersion,
            DocString = docString,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = Opset } },
            Graph = _graph.Clone(),
        };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private bool IsTaken(string name) => _values.Contains(name) || _nodeNames.Contains(name) || _reserved.Contains(name);

    private void CheckInputs(string opType, IReadOnlyList<string> inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            if (input.Length > 0 && !_values.Contains(input))
                throw new ArgumentException($"{opType} input '{input}' is not produced by any input, initializer or earlier node", nameof(inputs));
        }
    }

    private void CheckUnused(string name, string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_values.Contains(name)) throw new ArgumentException($"{role} '{name}' is already defined", nameof(name));
    }

    private void Define(string name, string role)
    {
        CheckUnused(name, role);
        _values.Add(name);
        _reserved.Remove(name);
    }

    private void Append(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string nodeName, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = nodeName };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            if (node.Attribute.Any(a => a.Name == attribute.Name))
                throw new ArgumentException($"node '{nodeName}' ({opType}) has attribute '{attribute.Name}' twice", nameof(attributes));
            node.Attribute.Add(attribute.Clone());
        }
        _nodeNames.Add(nodeName);
        _reserved.Remove(nodeName);
        foreach (var output in outputs) Define(output, $"output of node '{nodeName}'");
        _graph.Node.Add(node);
    }

    private string AddInitializer<T>(string name, TensorProto.Types.DataType type, ReadOnlySpan<T> data, ReadOnlySpan<long> shape,
        Action<T, Span<byte>> writeLittleEndian) where T : unmanaged
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0) throw new ArgumentException($"initializer '{name}' has negative dimension {dim}", nameof(shape));
            count *= dim;
        }
        if (count != data.Length)
            throw new ArgumentException($"initializer '{name}': shape [{string.Join(",", shape.ToArray())}] holds {count} values but {data.Length} were given", nameof(shape));
        Define(name, "initializer");
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(shape.ToArray());
        if (BitConverter.IsLittleEndian)
            tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data));
        else
        {
            int size = Unsafe.SizeOf<T>();
            var bytes = new byte[data.Length * size];
            for (int i = 0; i < data.Length; i++) writeLittleEndian(data[i], bytes.AsSpan(i * size, size));
            tensor.RawData = ByteString.CopyFrom(bytes);
        }
        _graph.Initializer.Add(tensor);
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, DType elementType, ReadOnlySpan<OnnxDim> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                { Value: { } size } => size >= 0 ? new TensorShapeProto.Types.Dimension { DimValue = size }
                    : throw new ArgumentException($"'{name}' has negative dimension {size}", nameof(dims)),
                { Param: { Length: > 0 } param } => new TensorShapeProto.Types.Dimension { DimParam = param },
                _ => new TensorShapeProto.Types.Dimension(),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxElementTypes.FromDType(elementType), Shape = shape } },
        };
    }
}
