namespace ModelZooBridge.Cli.Commands.Evaluate;

/// <summary>Pairs prediction and truth files: two files, or two folders matched by file name without extension.</summary>
public static class ImagePairs
{
    private static readonly string[] ImageExtensions = [".tif", ".tiff", ".npy", ".png"];

    /// <summary>One pair of files.</summary>
    /// <param name="Name">The shared file stem, used in reports.</param>
    /// <param name="Prediction">The prediction file.</param>
    /// <param name="Truth">The truth file.</param>
    public sealed record Pair(string Name, string Prediction, string Truth);

    /// <summary>The pairs, or an error message naming what is missing or ambiguous.</summary>
    public static (IReadOnlyList<Pair> Pairs, string? Error) Match(string prediction, string truth)
    {
        if (File.Exists(prediction) && File.Exists(truth))
            return ([new Pair(Path.GetFileNameWithoutExtension(prediction), prediction, truth)], null);
        if (!Directory.Exists(prediction) || !Directory.Exists(truth))
        {
            foreach (var path in new[] { prediction, truth })
            {
                if (!File.Exists(path) && !Directory.Exists(path)) return ([], $"{path}: no such file or folder");
            }
            return ([], $"{prediction} and {truth}: give two files or two folders");
        }
        var (predictions, predictionError) = ByStem(prediction);
        var (truths, truthError) = ByStem(truth);
        if ((predictionError ?? truthError) is { } error) return ([], error);
        if (predictions.Count == 0) return ([], $"{prediction}: no .tif, .tiff, .npy or .png images");
        foreach (var (stem, file) in predictions)
        {
            if (!truths.ContainsKey(stem)) return ([], $"{file}: no truth named {stem}.* in {truth}");
        }
        foreach (var (stem, file) in truths)
        {
            if (!predictions.ContainsKey(stem)) return ([], $"{file}: no prediction named {stem}.* in {prediction}");
        }
        return ([.. predictions.Keys.Order(StringComparer.Ordinal).Select(stem => new Pair(stem, predictions[stem], truths[stem]))], null);
    }

    private static (Dictionary<string, string> Files, string? Error) ByStem(string folder)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!ImageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant())) continue;
            var stem = Path.GetFileNameWithoutExtension(file);
            if (!files.TryAdd(stem, file)) return (files, $"{file}: {Path.GetFileName(files[stem])} has the same name; keep one image per name");
        }
        return (files, null);
    }
}
