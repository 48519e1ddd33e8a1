using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>Modules applied in order, registered as <c>0</c>, <c>1</c>, … (<c>torch.nn.Sequential</c>).</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    /// <summary>Creates the sequence.</summary>
    /// <param name="layers">The modules, first applied first.</param>
    public Sequential(params IEnumerable<Module<Tensor, Tensor>> layers)
    {
        foreach (var layer in layers) Append(layer);
    }

    /// <summary>The number of modules.</summary>
    public int Count => _layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => _layers[index];

    /// <summary>Adds a module at the end under the next index.</summary>
    public void Append(Module<Tensor, Tensor> layer) =>
        _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));

    /// <inheritdoc />
    /// <remarks>Intermediate results are disposed as soon as the next layer has consumed them.</remarks>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            var next = layer.Forward(x);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = next;
        }
        return ReferenceEquals(x, input) ? x.Clone() : x;
    }

    /// <inheritdoc />
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) => OnnxNames.Chain(graph, input, path, NamedChildren());
}
