using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Packaging.Export;

/// <summary>
/// Everything <see cref="ModelPackageExporter"/> needs to write a bioimage.io package around a trained network.
/// Field names follow the bioimage.io model description (format 0.5). The exporter reads the arrays and leaves their disposal to the caller.
/// </summary>
/// <param name="Onnx">The network as an ONNX model: one float32 input (b,c,y,x or b,c,z,y,x), one output of class
/// probabilities with the same axes (softmax, or sigmoid for one class, inside the graph).</param>
/// <param name="Architecture">The architecture and hyper-parameters, stored as <c>config.modelzoobridge</c>.</param>
/// <param name="TestInput"><c>test_tensor</c> of the input: raw data, before preprocessing, axes <c>bcyx</c> or <c>bczyx</c>.</param>
/// <param name="TestOutput"><c>test_tensor</c> of the output: what the network gives for the preprocessed test input.</param>
/// <param name="Training">How the network was trained (for the documentation).</param>
public sealed record ModelExportRequest(
    ReadOnlyMemory<byte> Onnx, NetworkArchitecture Architecture, NdArray TestInput, NdArray TestOutput, TrainingSummary Training)
{
    /// <summary>The citation of the U-Net, cited by default.</summary>
    public static readonly CiteEntry UNetCitation = new(
        "Ronneberger, Fischer, Brox (2015) U-Net: Convolutional networks for biomedical image segmentation", Doi: "10.1007/978-3-319-24574-4_28");

    /// <summary><c>name</c>: 5–128 characters (letters, digits, space, <c>_ + - ( )</c>).</summary>
    public required string Name { get; init; }

    /// <summary><c>description</c>: one or two sentences.</summary>
    public required string Description { get; init; }

    /// <summary><c>authors</c>: at least one.</summary>
    public required EquatableArray<Author> Authors { get; init; }

    /// <summary><c>license</c>: an SPDX id.</summary>
    public string License { get; init; } = "MIT";

    /// <summary><c>tags</c> besides the ones the exporter adds (dimensionality, <c>unet</c>, <c>semantic-segmentation</c>, <c>modelzoobridge</c>).</summary>
    public EquatableArray<string> Tags { get; init; }

    /// <summary><c>cite</c>; the U-Net paper when empty.</summary>
    public EquatableArray<CiteEntry> Cite { get; init; }

    /// <summary><c>version</c> of this model, when given.</summary>
    public string? Version { get; init; }

    /// <summary>The input tensor's <c>id</c>.</summary>
    public string InputId { get; init; } = "raw";

    /// <summary>The output tensor's <c>id</c>.</summary>
    public string OutputId { get; init; } = "probability";

    /// <summary>Input <c>channel_names</c>; <c>raw</c> (one channel) or <c>raw0</c>, <c>raw1</c>, … when empty.</summary>
    public EquatableArray<string> InputChannelNames { get; init; }

    /// <summary>Output <c>channel_names</c>, one per class; <c>background</c>, <c>foreground</c> (two classes) or <c>class0</c>, … when empty.</summary>
    public EquatableArray<string> ClassNames { get; init; }

    /// <summary>
    /// Input <c>preprocessing</c>, as in training; <c>zero_mean_unit_variance</c> over the spatial axes (statistics per
    /// sample and channel, eps 1e-6) when empty.
    /// </summary>
    public EquatableArray<ProcessingDescr> Preprocessing { get; init; }

    /// <summary>Output <c>halo</c> per spatial axis (pixels to crop per side when tiling); none when empty or 0.</summary>
    public IReadOnlyDictionary<AxisId, int> Halo { get; init; } = new Dictionary<AxisId, int>();

    /// <summary><c>timestamp</c>; the time of export when null.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
