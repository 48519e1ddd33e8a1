using Google.Protobuf;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Onnx;

/// <summary>
/// Node attributes for <see cref="OnnxGraphBuilder.AddNode(string, IReadOnlyList{string}, string, AttributeProto[])"/>,
/// each with its <c>type</c> set as the ONNX checker requires (e.g. <c>Ints("pads", 1, 1, 1, 1)</c>).
/// </summary>
public static class OnnxAttributes
{
    /// <summary>An <c>INT</c> attribute (e.g. <c>group</c>, <c>axis</c>).</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = CheckName(name), Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An <c>INTS</c> attribute (e.g. <c>kernel_shape</c>, <c>pads</c>, <c>strides</c>).</summary>
    public static AttributeProto Ints(string name, params ReadOnlySpan<long> values)
    {
        var attribute = new AttributeProto { Name = CheckName(name), Type = AttributeProto.Types.AttributeType.Ints };
        foreach (var value in values) attribute.Ints.Add(value);
        return attribute;
    }

    /// <summary>A <c>FLOAT</c> attribute (e.g. <c>alpha</c>, <c>epsilon</c>).</summary>
    public static AttributeProto Float(string name, float value) =>
        new() { Name = CheckName(name), Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A <c>STRING</c> attribute (e.g. <c>mode</c>), stored as UTF-8.</summary>
    public static AttributeProto String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new() { Name = CheckName(name), Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }
}
