using ModelZooBridge.Onnx;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Packaging.Export;

/// <summary>What fine-tuning needs from a package ModelZooBridge exported: the architecture to build and the weights to load.</summary>
/// <param name="Description">The package's description.</param>
/// <param name="Architecture">The architecture, from <c>config.modelzoobridge</c>.</param>
/// <param name="Initializers">The float32 ONNX initializers by name (parameters and normalisation statistics).</param>
public sealed record ExportedModel(ModelDescr Description, NetworkArchitecture Architecture, IReadOnlyDictionary<string, OnnxFloatTensor> Initializers)
{
    /// <summary>Reads the package at <paramref name="packagePath"/> (a zip, a folder or its description file).</summary>
    /// <exception cref="PackageException">The package cannot be read, its description has errors, it has no
    /// <c>config.modelzoobridge</c> or no ONNX weights.</exception>
    /// <exception cref="OnnxFormatException">The ONNX weights are not a readable model.</exception>
    public static ExportedModel Read(string packagePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        using var package = ModelPackage.Open(packagePath);
        var read = ModelDescrReader.Read(package.ReadDescriptionBytes(), package.DescriptionFileName);
        if (read.Description is not { } description || read.HasErrors)
            throw new PackageException(packagePath, $"the description has errors ({read.Errors.FirstOrDefault()?.ToString() ?? "unreadable"}); run mzb validate");
        var architecture = ArchitectureConfig.FromConfig(description.Config, packagePath);
        if (description.Weights.Onnx is not { } weights)
            throw new PackageException(packagePath, "no ONNX weights to load");
        using var stream = package.OpenFile(weights.Source);
        var initializers = OnnxInitializerReader.ReadFloat(stream, weights.Source);
        return new ExportedModel(description, architecture, initializers);
    }
}
