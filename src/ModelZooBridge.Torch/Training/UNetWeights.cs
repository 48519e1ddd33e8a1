using ModelZooBridge.Packaging;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Torch.Training;

/// <summary>Transfer learning: a package's weights loaded into a network of the same architecture.</summary>
public static class UNetWeights
{
    /// <summary>The prefix of the encoder's state-dict keys (every level including the bottleneck).</summary>
    public const string EncoderPrefix = "encoder.";

    /// <summary>
    /// Copies the ONNX initializers of a package ModelZooBridge exported into <paramref name="model"/>'s parameters and
    /// buffers by state-dict name; with <paramref name="freezeEncoder"/> the <c>encoder.*</c> parameters stop requiring
    /// grad, so hand the optimizer <see cref="Module.TrainableParameters"/>. (A frozen encoder's BatchNorm still
    /// updates its running statistics in training mode, as in PyTorch.)
    /// </summary>
    /// <param name="model">The network to load into; it must have the package's architecture (<see cref="UNetArchitecture.Create"/> builds one).</param>
    /// <param name="packagePath">The package: a zip, a folder or its description file.</param>
    /// <param name="freezeEncoder">Keep the encoder's weights fixed during fine-tuning.</param>
    /// <exception cref="PackageException">The package cannot be read, records another architecture, or lacks a weight the model needs.</exception>
    public static void LoadFromPackage(UNet model, string packagePath, bool freezeEncoder)
    {
        ArgumentNullException.ThrowIfNull(model);
        var exported = ExportedModel.Read(packagePath);
        var ours = UNetArchitecture.Describe(model);
        if (exported.Architecture != ours)
            throw new PackageException(packagePath, $"holds {Summary(exported.Architecture)}, but the model is {Summary(ours)}");

        using var scope = TorchRuntime.NewScope();
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in model.StateDict().Keys)
        {
            if (!exported.Initializers.TryGetValue(name, out var initializer))
                throw new PackageException(packagePath, $"the ONNX weights have no initializer '{name}'");
            state[name] = Tensor.FromArray<float>(initializer.Data, initializer.Shape);
        }
        try
        {
            model.LoadStateDict(state);
        }
        catch (ArgumentException e)
        {
            throw new PackageException(packagePath, e.Message, e);
        }
        if (!freezeEncoder) return;
        foreach (var (name, parameter) in model.NamedParameters())
        {
            if (name.StartsWith(EncoderPrefix, StringComparison.Ordinal)) parameter.RequiresGrad = false;
        }
    }

    private static string Summary(NetworkArchitecture a) =>
        $"{a.Name} depth {a.Depth}, {a.FirstLevelFilters} filters, {a.InputChannels} input channel(s), {a.Classes} class(es), {a.Padding} padding, {a.Normalization} normalization";
}
