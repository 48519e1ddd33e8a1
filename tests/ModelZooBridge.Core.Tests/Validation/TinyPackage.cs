using System.Security.Cryptography;
using Google.Protobuf;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Tests.Validation;

/// <summary>
/// A tiny valid 0.5 package (rdf.yaml, a one-node ONNX, .npy test tensors, README, PNG cover) that tests break one
/// way at a time. <c>SHA_&lt;file&gt;</c> tokens in the YAML are replaced by the files' real hashes when written.
/// </summary>
internal sealed class TinyPackage
{
    public const string V05 = """
        type: model
        format_version: 0.5.7
        name: Tiny test model
        description: A tiny model for validator tests.
        authors: [{name: Test Author, github_user: tester}]
        cite: [{text: Test citation, doi: 10.1234/test}]
        license: MIT
        documentation: README.md
        covers: [cover.png]
        tags: [test]
        inputs:
          - id: raw
            axes:
              - {type: batch}
              - {type: channel, channel_names: [c0]}
              - {type: space, id: y, size: {min: 16, step: 8}}
              - {type: space, id: x, size: {min: 16, step: 8}}
            data: {type: float32}
            test_tensor: {source: input.npy, sha256: SHA_input.npy}
            preprocessing:
              - {id: zero_mean_unit_variance, kwargs: {axes: [y, x]}}
        outputs:
          - id: prob
            axes:
              - {type: batch}
              - {type: channel, channel_names: [fg]}
              - {type: space, id: y, size: {tensor_id: raw, axis_id: y}, halo: 2}
              - {type: space, id: x, size: {tensor_id: raw, axis_id: x}, halo: 2}
            data: {type: float32}
            test_tensor: {source: output.npy, sha256: SHA_output.npy}
            postprocessing:
              - {id: sigmoid}
        weights:
          onnx: {source: model.onnx, sha256: SHA_model.onnx, opset_version: 17}

        """;

    public const string V04 = """
        type: model
        format_version: 0.4.10
        name: Tiny test model
        description: A tiny model.
        authors: [{name: Test Author}]
        license: MIT
        documentation: README.md
        timestamp: 2025-01-01T00:00:00Z
        inputs:
          - name: raw
            axes: bcyx
            data_type: float32
            data_range: [-.inf, .inf]
            shape: {min: [1, 1, 16, 16], step: [0, 0, 8, 8]}
        outputs:
          - name: prob
            axes: bcyx
            data_type: float32
            data_range: [0, 1]
            shape: {reference_tensor: raw, scale: [1, 1, 1, 1], offset: [0, 0, 0, 0]}
        test_inputs: [input.npy]
        test_outputs: [output.npy]
        weights:
          onnx: {source: model.onnx, sha256: SHA_model.onnx, opset_version: 17}

        """;

    public string Yaml { get; set; } = V05;

    /// <summary>Raw description bytes; when set, used instead of <see cref="Yaml"/>.</summary>
    public byte[]? RawYaml { get; set; }

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal)
    {
        ["input.npy"] = Npy(1, 1, 16, 16),
        ["output.npy"] = Npy(1, 1, 16, 16),
        ["model.onnx"] = Onnx(),
        ["README.md"] = "# Tiny\n\nValidation: none.\n"u8.ToArray(),
        ["cover.png"] = File.ReadAllBytes(Path.Combine(TestFiles.Root, "reference-packages", "spec-bioimage-io", "models", "unet2d_nuclei_broad", "test_output.png")),
    };

    /// <summary>Replaces the first occurrence of <paramref name="what"/>, failing when absent so that a mutation cannot silently do nothing.</summary>
    public TinyPackage Replace(string what, string with)
    {
        var i = Yaml.IndexOf(what, StringComparison.Ordinal);
        if (i < 0) throw new InvalidOperationException($"'{what}' is not in the YAML");
        Yaml = Yaml[..i] + with + Yaml[(i + what.Length)..];
        return this;
    }

    public TinyPackage ReplaceAll(string what, string with)
    {
        if (!Yaml.Contains(what, StringComparison.Ordinal)) throw new InvalidOperationException($"'{what}' is not in the YAML");
        Yaml = Yaml.Replace(what, with, StringComparison.Ordinal);
        return this;
    }

    /// <summary>Writes the package into <paramref name="folder"/> and returns the folder.</summary>
    public string WriteTo(string folder)
    {
        foreach (var (name, bytes) in Files) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        var yaml = Yaml;
        foreach (var (name, bytes) in Files)
            yaml = yaml.Replace("SHA_" + name, Convert.ToHexStringLower(SHA256.HashData(bytes)), StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(folder, "rdf.yaml"), RawYaml ?? System.Text.Encoding.UTF8.GetBytes(yaml));
        return folder;
    }

    /// <summary>A float32 .npy with values 0.5, 1.5, 2.5, … (or a constant).</summary>
    public static byte[] Npy(params int[] shape) => Npy(shape, i => i + 0.5f);

    public static byte[] Npy(int[] shape, Func<int, float> value)
    {
        var axes = AxisId.ParseAll("bcyxzt"[..shape.Length]);
        var array = new NdArray<float>(shape, axes);
        var span = array.Span;
        for (var i = 0; i < span.Length; i++) span[i] = value(i);
        using var ms = new MemoryStream();
        NpyFile.Write(ms, array);
        return ms.ToArray();
    }

    /// <summary>A one-node ONNX (Sigmoid) with the given input dims (null = symbolic) and element type.</summary>
    public static byte[] Onnx(long?[]? inputDims = null, int outputs = 1, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float, long opset = 17)
    {
        inputDims ??= [null, 1, null, null];
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Value("in", inputDims, type));
        for (var i = 0; i < outputs; i++)
        {
            graph.Output.Add(Value($"out{i}", [null, 1, null, null], type));
            graph.Node.Add(new NodeProto { OpType = "Sigmoid", Input = { "in" }, Output = { $"out{i}" } });
        }
        return new ModelProto { IrVersion = 8, OpsetImport = { new OperatorSetIdProto { Domain = "", Version = opset } }, Graph = graph }.ToByteArray();
    }

    private static ValueInfoProto Value(string name, long?[] dims, TensorProto.Types.DataType type)
    {
        var shape = new TensorShapeProto();
        var symbol = 0;
        foreach (var d in dims)
            shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = $"d{symbol++}" });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
