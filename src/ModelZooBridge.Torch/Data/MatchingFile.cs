namespace ModelZooBridge.Torch.Data;

/// <summary>Finds the file belonging to a training volume in a side folder (weights, predictions) and checks its shape.</summary>
internal static class MatchingFile
{
    public static string In(string folder, TrainingVolume volume, string what)
    {
        if (!Directory.Exists(folder)) throw new TrainingDataException($"{folder}: no such {what} folder");
        string stem = LabeledFilePair.StemOf(volume.ImagePath);
        return LabeledFilePair.ImagesByStem(folder).TryGetValue(stem, out var path)
            ? path
            : throw new TrainingDataException($"{volume.ImagePath}: no {what} named '{stem}.*' in {folder}");
    }

    public static void RequireSameShape(string path, VolumeShape shape, TrainingVolume volume)
    {
        if (shape.Channels != 1 || !shape.SameSpatialShape(new VolumeShape(1, volume.Depth, volume.Height, volume.Width)))
            throw new TrainingDataException($"{path} is {shape} but {volume.LabelPath} is [{volume.Depth},{volume.Height},{volume.Width}] (z,y,x)");
    }
}
