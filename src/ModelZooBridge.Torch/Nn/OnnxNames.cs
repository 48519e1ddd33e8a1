using ModelZooBridge.Arrays;
using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>The naming and initializer conventions every module's <c>EmitOnnx</c> shares.</summary>
internal static class OnnxNames
{
    /// <summary>The dotted name of <paramref name="name"/> under <paramref name="path"/> (just the name at the root).</summary>
    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>A node name for the module at <paramref name="path"/>: the path, or the operator for a root module.</summary>
    public static string Node(string path, string opType) => path.Length == 0 ? opType.ToLowerInvariant() : path;

    /// <summary>Adds <paramref name="tensor"/> as the float32 initializer <c>path.name</c> (its state-dict key).</summary>
    public static string Initializer(OnnxGraphBuilder graph, string path, string name, Tensor tensor)
    {
        using var cpu = tensor.To(DType.Float32, Device.Cpu);
        return graph.AddInitializer(Child(path, name), cpu.ToArray<float>(), cpu.Shape);
    }

    /// <summary>Emits the named children in order, each consuming the previous one's output.</summary>
    public static string Chain(OnnxGraphBuilder graph, string input, string path, IEnumerable<(string Name, Module Module)> children)
    {
        var x = input;
        foreach (var (name, child) in children)
            x = ((Module<Tensor, Tensor>)child).EmitOnnx(graph, x, Child(path, name));
        return x;
    }
}
