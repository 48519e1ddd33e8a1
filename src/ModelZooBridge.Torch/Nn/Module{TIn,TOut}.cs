using ModelZooBridge.Onnx;

namespace ModelZooBridge.Torch.Nn;

/// <summary>A module with one input and one output; subclasses implement <see cref="Forward"/> and <see cref="EmitOnnx"/>.</summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class Module<TIn, TOut> : Module
{
    /// <summary>Computes the output; the result is a new tensor the caller (or its dispose scope) owns.</summary>
    /// <param name="input">The input.</param>
    public abstract TOut Forward(TIn input);

    /// <summary>
    /// Appends this module's evaluation-mode computation to <paramref name="graph"/> (BatchNorm with its running
    /// statistics, Dropout as identity) and returns the name of the value holding the output. Parameters and buffers
    /// become initializers named by their state-dict key under <paramref name="path"/>, so they load back by name.
    /// </summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="input">The name of the value this module consumes.</param>
    /// <param name="path">This module's dotted name in the exported model (<c>encoder.0.conv1</c>; empty for the root).</param>
    public abstract string EmitOnnx(OnnxGraphBuilder graph, string input, string path);
}
