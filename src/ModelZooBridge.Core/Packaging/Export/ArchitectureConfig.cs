using ModelZooBridge.Spec;

namespace ModelZooBridge.Packaging.Export;

/// <summary>
/// <see cref="NetworkArchitecture"/> as the description's <c>config.modelzoobridge</c> mapping and back; keys follow
/// the description's snake_case (<c>architecture</c>, <c>depth</c>, <c>first_level_filters</c>, …).
/// </summary>
public static class ArchitectureConfig
{
    /// <summary>The key under <c>config</c>.</summary>
    public const string Key = "modelzoobridge";

    /// <summary>The <c>config</c> mapping holding <paramref name="architecture"/> under <see cref="Key"/>.</summary>
    public static SpecMap ToConfig(NetworkArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var entries = EquatableArray.Create(
            new SpecMapEntry("architecture", new SpecString(architecture.Name)),
            new SpecMapEntry("depth", new SpecInt(architecture.Depth)),
            new SpecMapEntry("first_level_filters", new SpecInt(architecture.FirstLevelFilters)),
            new SpecMapEntry("input_channels", new SpecInt(architecture.InputChannels)),
            new SpecMapEntry("padding", new SpecString(architecture.Padding)),
            new SpecMapEntry("normalization", new SpecString(architecture.Normalization)),
            new SpecMapEntry("classes", new SpecInt(architecture.Classes)));
        return new SpecMap(EquatableArray.Create(new SpecMapEntry(Key, new SpecMap(entries))));
    }

    /// <summary>Reads the architecture from a description's <c>config</c>.</summary>
    /// <param name="config">The description's <c>config</c>, or null when it has none.</param>
    /// <param name="packagePath">The package, for error messages.</param>
    /// <exception cref="PackageException">No <c>config.modelzoobridge</c>, or a field missing, of the wrong type or invalid.</exception>
    public static NetworkArchitecture FromConfig(SpecMap? config, string packagePath)
    {
        if (config?[Key] is not SpecMap map)
            throw new PackageException(packagePath, $"no config.{Key}: not a package exported by ModelZooBridge, so the architecture is unknown");
        var architecture = new NetworkArchitecture(
            Text(map, "architecture", packagePath), Int(map, "depth", packagePath), Int(map, "first_level_filters", packagePath),
            Int(map, "input_channels", packagePath), Int(map, "classes", packagePath), Text(map, "padding", packagePath),
            Text(map, "normalization", packagePath));
        if (architecture.Problems() is [var first, ..])
            throw new PackageException(packagePath, $"config.{Key}: {first}");
        return architecture;
    }

    private static string Text(SpecMap map, string key, string packagePath) => map[key] switch
    {
        SpecString text => text.Value,
        null => throw Missing(key, packagePath),
        _ => throw new PackageException(packagePath, $"config.{Key}.{key} is not text"),
    };

    private static int Int(SpecMap map, string key, string packagePath) => map[key] switch
    {
        SpecInt { Value: >= int.MinValue and <= int.MaxValue } number => (int)number.Value,
        null => throw Missing(key, packagePath),
        _ => throw new PackageException(packagePath, $"config.{Key}.{key} is not an integer"),
    };

    private static PackageException Missing(string key, string packagePath) => new(packagePath, $"config.{Key}.{key} is missing");
}
