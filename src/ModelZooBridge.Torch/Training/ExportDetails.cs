using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Torch.Training;

/// <summary>What a package says about a trained network besides its weights (see <see cref="PackageExport"/>).</summary>
/// <param name="Name"><c>name</c>: 5–128 characters (letters, digits, space, <c>_ + - ( )</c>).</param>
/// <param name="Description"><c>description</c>: one or two sentences.</param>
/// <param name="Authors"><c>authors</c>: at least one.</param>
/// <param name="Training">How the network was trained, for the documentation.</param>
public sealed record ExportDetails(string Name, string Description, EquatableArray<Author> Authors, TrainingSummary Training)
{
    /// <summary><c>license</c>: an SPDX id.</summary>
    public string License { get; init; } = "MIT";

    /// <summary>Extra <c>tags</c>.</summary>
    public EquatableArray<string> Tags { get; init; }

    /// <summary>Output <c>channel_names</c>, one per class; the exporter's defaults when empty.</summary>
    public EquatableArray<string> ClassNames { get; init; }

    /// <summary>Input <c>channel_names</c>; the exporter's defaults when empty.</summary>
    public EquatableArray<string> InputChannelNames { get; init; }

    /// <summary><c>version</c> of the model, when given.</summary>
    public string? Version { get; init; }
}
