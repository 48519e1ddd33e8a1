using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

/// <summary>Reference files: torch exports made by Fixtures/make_models.py, and the repository's nuclei U-Net.</summary>
internal static class OrtTestFiles
{
    public static string Torch(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", name);

    public static string RepoRoot => RepositoryPaths.Root;

    public static string UNetModel => Path.Combine(RepoRoot, "tests/ModelZooBridge.Core.Tests/Fixtures/onnx/unet2d_nuclei_broad.onnx");

    public static string UNetPackage(string file) =>
        Path.Combine(RepoRoot, "tests/ModelZooBridge.Core.Tests/Fixtures/reference-packages/spec-bioimage-io/models/unet2d_nuclei_broad", file);

    public static NdArray ReadNpy(string path) => NpyFile.Read(path);

    /// <summary>One intra-op thread: the CI machine has two cores shared with other jobs.</summary>
    public static SessionOptions SmallOptions() => new() { IntraOpNumThreads = 1 };

    /// <summary>A session with <see cref="SmallOptions"/>, which ORT copies, so they are released at once.</summary>
    public static InferenceSession OpenSession(string modelPath)
    {
        using var options = SmallOptions();
        return new InferenceSession(modelPath, options);
    }

    /// <inheritdoc cref="OpenSession(string)"/>
    public static InferenceSession OpenSession(byte[] model)
    {
        using var options = SmallOptions();
        return new InferenceSession(model, options);
    }

    public static float MaxAbsDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        float max = 0;
        for (int i = 0; i < actual.Length; i++)
            max = Math.Max(max, Math.Abs(actual[i] - expected[i]));
        return max;
    }

}
