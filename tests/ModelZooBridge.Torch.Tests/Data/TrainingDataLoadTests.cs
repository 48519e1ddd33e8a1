using ModelZooBridge.Torch.Data;
using static ModelZooBridge.Tests.Data.SyntheticVolumes;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class TrainingDataLoadTests
{
    private static readonly string IsbiImages = RepositoryPaths.Of("samples", "isbi2012", "image");
    private static readonly string IsbiLabels = RepositoryPaths.Of("samples", "isbi2012", "label");

    [Fact]
    public void The_isbi_sample_loads_as_binary_membrane_class_0_and_splits_by_image()
    {
        using var folder = NewFolder();
        foreach (var stem in new[] { "0", "1", "2", "3", "4" })
        {
            CopyFile(Path.Combine(IsbiImages, stem + ".png"), folder.Of("image", stem + ".png"));
            CopyFile(Path.Combine(IsbiLabels, stem + ".png"), folder.Of("label", stem + ".png"));
        }
        var reports = new List<(int Done, int Total)>();
        var data = TrainingData.Load(new TrainingDataOptions { Images = folder.Of("image"), Labels = folder.Of("label"), ValidationFraction = 0.4, SplitSeed = 3 }, new ListProgress(reports));
        Assert.Equal([(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)], reports);
        Assert.Equal(LabelEncoding.Binary, data.Mapping.Encoding);
        Assert.Equal([0, 255], data.Mapping.RawValues);
        Assert.Equal(3, data.Training.Count);
        Assert.Equal(2, data.Validation.Count);
        Assert.All(data.Training.Concat(data.Validation), v => Assert.Equal((1, 1, 512, 512), (v.Channels, v.Depth, v.Height, v.Width)));
        // Membrane (raw 0, class 0) is about a quarter of the pixels in these slices.
        double membrane = data.TrainingClassPixels[0] / (double)data.TrainingClassPixels.Sum();
        Assert.InRange(membrane, 0.2, 0.3);
        Assert.Equal([0], PatchSampler.MinorityClasses(data.TrainingClassPixels));
        Assert.StartsWith("binary labels 0/255: raw 0 → class 0 (", data.Mapping.Describe(data.TrainingClassPixels));
        var image = data.Training[0].Image;
        Assert.InRange(image.Average(), -1e-4, 1e-4);
        Assert.InRange(Math.Sqrt(image.Average(v => (double)v * v)), 0.9999, 1.0001);
    }

    [Fact]
    public void Integer_class_labels_map_to_themselves_from_npy_and_a_tiff_stack_is_slices()
    {
        using var folder = NewFolder();
        var labels = new byte[3 * 4 * 5];
        for (int i = 0; i < labels.Length; i++) labels[i] = (byte)(i % 3);
        Write(folder.Of("img", "stack.tif"), Enumerable.Range(0, 60).Select(i => (ushort)i).ToArray(), [3, 4, 5], "zyx");
        Write(folder.Of("lab", "stack.npy"), labels, [3, 4, 5], "zyx");
        var data = TrainingData.Load(new TrainingDataOptions
        {
            Images = folder.Of("img"), Labels = folder.Of("lab"), ValidationFraction = 0.34, Normalization = IntensityNormalization.None,
        });
        Assert.Equal(LabelEncoding.Classes, data.Mapping.Encoding);
        Assert.Equal(3, data.Mapping.ClassCount);
        Assert.Equal((2, 1), (data.Training[0].Depth, data.Validation[0].Depth));
        Assert.Equal(labels[..40], data.Training[0].Classes);
        Assert.Equal(40f, data.Validation[0].Image[0]);
        Assert.Contains("only one image", data.SplitDescription);
        Assert.Contains("last 1 of 3 slices", data.SplitDescription);
    }

    [Fact]
    public void Explicit_validation_folders_use_the_same_mapping()
    {
        using var folder = NewFolder();
        Write(folder.Of("ti", "a.npy"), new float[16], [4, 4], "yx");
        Write(folder.Of("tl", "a.npy"), Enumerable.Repeat((byte)255, 16).ToArray(), [4, 4], "yx");
        Write(folder.Of("vi", "b.npy"), new float[16], [4, 4], "yx");
        Write(folder.Of("vl", "b.npy"), new byte[16], [4, 4], "yx");
        var data = TrainingData.Load(new TrainingDataOptions { Images = folder.Of("ti"), Labels = folder.Of("tl"), ValidationImages = folder.Of("vi"), ValidationLabels = folder.Of("vl") });
        Assert.Equal(LabelEncoding.Binary, data.Mapping.Encoding);
        Assert.All(data.Training[0].Classes, c => Assert.Equal(1, c));
        Assert.All(data.Validation[0].Classes, c => Assert.Equal(0, c));
        Assert.Equal("b", data.Validation[0].Name);
    }

    [Fact]
    public void Mismatched_shapes_name_both_files()
    {
        using var folder = NewFolder();
        var image = Write(folder.Of("i", "x.npy"), new float[20], [4, 5], "yx");
        var label = Write(folder.Of("l", "x.npy"), new byte[16], [4, 4], "yx");
        var error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(new TrainingDataOptions { Images = folder.Of("i"), Labels = folder.Of("l") }));
        Assert.Contains(image, error.Message);
        Assert.Contains(label, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Non_integer_and_unexpected_label_values_name_the_file()
    {
        using var folder = NewFolder();
        Write(folder.Of("i", "x.npy"), new float[4], [2, 2], "yx");
        var fractional = Write(folder.Of("l", "x.npy"), new[] { 0f, 1f, 0.5f, 1f }, [2, 2], "yx");
        var options = new TrainingDataOptions { Images = folder.Of("i"), Labels = folder.Of("l"), ValidationFraction = 0 };
        var error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(options));
        Assert.StartsWith(fractional, error.Message);
        Assert.Contains("0.5", error.Message);

        var mixed = Write(folder.Of("l", "x.npy"), new byte[] { 0, 1, 255, 1 }, [2, 2], "yx");
        error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(options));
        Assert.StartsWith(mixed, error.Message);
        Assert.Contains("255", error.Message);

        Write(folder.Of("l", "x.npy"), new byte[] { 0, 1, 2, 1 }, [2, 2], "yx");
        error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(options with { LabelEncoding = LabelEncoding.Binary }));
        Assert.Contains("label value 1 is unexpected for binary labels 0/255", error.Message);
        error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(options with { ClassCount = 2 }));
        Assert.Contains("label value 2 is unexpected for integer classes 0..1", error.Message);
    }

    [Fact]
    public void Unmatched_files_are_named()
    {
        using var folder = NewFolder();
        Write(folder.Of("i", "a.npy"), new float[4], [2, 2], "yx");
        var orphan = Write(folder.Of("i", "b.npy"), new float[4], [2, 2], "yx");
        Write(folder.Of("l", "a.npy"), new byte[4], [2, 2], "yx");
        var error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(new TrainingDataOptions { Images = folder.Of("i"), Labels = folder.Of("l") }));
        Assert.StartsWith(orphan, error.Message);
        Assert.Contains("no label named 'b.*'", error.Message);
        Assert.Throws<TrainingDataException>(() => TrainingData.Load(new TrainingDataOptions { Images = folder.Of("missing"), Labels = folder.Of("l") }));
    }

    [Fact]
    public void Labels_with_channels_are_rejected()
    {
        using var folder = NewFolder();
        Write(folder.Of("i", "a.npy"), new float[8], [2, 4], "yx");
        var label = Write(folder.Of("l", "a.tif"), new byte[8], [2, 2, 2], "cyx");
        var error = Assert.Throws<TrainingDataException>(() => TrainingData.Load(new TrainingDataOptions { Images = folder.Of("i"), Labels = folder.Of("l") }));
        Assert.StartsWith(label, error.Message);
        Assert.Contains("axis 'c'", error.Message);
    }

    private sealed class ListProgress(List<(int Done, int Total)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }
}
