using ModelZooBridge.Imaging;

namespace ModelZooBridge.Torch.Data;

/// <summary>An image file and its label file, matched by file name stem.</summary>
/// <param name="Stem">The shared stem (file name without extension, and without <c>.ome</c>).</param>
/// <param name="ImagePath">The image.</param>
/// <param name="LabelPath">The label.</param>
public sealed record LabeledFilePair(string Stem, string ImagePath, string LabelPath)
{
    /// <summary>
    /// Pairs the images and labels: two folders matched by stem (every image needs a label and every label an
    /// image), or two files (e.g. multi-page TIFF stacks). Pairs come in ordinal order of stem.
    /// </summary>
    /// <exception cref="TrainingDataException">For a missing folder, an empty one, or an unmatched file.</exception>
    public static IReadOnlyList<LabeledFilePair> Match(string images, string labels)
    {
        if (File.Exists(images) && File.Exists(labels)) return [new(StemOf(images), images, labels)];
        if (!Directory.Exists(images)) throw new TrainingDataException($"{images}: no such image folder or file");
        if (!Directory.Exists(labels)) throw new TrainingDataException($"{labels}: no such label folder (images are a folder, so labels must be one)");
        var imageFiles = ImagesByStem(images);
        var labelFiles = ImagesByStem(labels);
        if (imageFiles.Count == 0) throw new TrainingDataException($"{images}: no .tif, .tiff, .png or .npy images");
        foreach (var (stem, path) in imageFiles)
        {
            if (!labelFiles.ContainsKey(stem)) throw new TrainingDataException($"{path}: no label named '{stem}.*' in {labels}");
        }
        foreach (var (stem, path) in labelFiles)
        {
            if (!imageFiles.ContainsKey(stem)) throw new TrainingDataException($"{path}: no image named '{stem}.*' in {images}");
        }
        return imageFiles.Select(p => new LabeledFilePair(p.Key, p.Value, labelFiles[p.Key])).ToList();
    }

    /// <summary>The image files of a folder by stem, in ordinal stem order.</summary>
    /// <exception cref="TrainingDataException">When two files share a stem.</exception>
    public static SortedDictionary<string, string> ImagesByStem(string folder)
    {
        var byStem = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!IsImage(path)) continue;
            string stem = StemOf(path);
            if (!byStem.TryAdd(stem, path)) throw new TrainingDataException($"{path}: stem '{stem}' is also used by {byStem[stem]}");
        }
        return byStem;
    }

    /// <summary>The file name without its extension and without a trailing <c>.ome</c>.</summary>
    public static string StemOf(string path)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        return stem.EndsWith(".ome", StringComparison.OrdinalIgnoreCase) ? stem[..^4] : stem;
    }

    private static bool IsImage(string path)
    {
        try
        {
            ImageFiles.FormatOf(path);
            return true;
        }
        catch (ImageFormatException)
        {
            return false;
        }
    }
}
