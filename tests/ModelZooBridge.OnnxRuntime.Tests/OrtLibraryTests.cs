using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

[Trait("Area", "OnnxRuntime")]
public sealed class OrtLibraryTests
{
    [Fact]
    public void SetupProvidesOnnxRuntime1_30_0()
    {
        var library = OrtLibrary.Load();
        Assert.Equal("1.30.0", library.Version);
        Assert.EndsWith("libonnxruntime.so.1", library.Path);
    }

    [Fact]
    public void MissingLibraryIsOneLineNamingWhereItLookedAndHowToGetIt()
    {
        var locator = OrtLibrary.Locator with { FileName = "libonnxruntime-absent.so.9", EnvironmentVariable = "MZB_TEST_UNSET_VARIABLE" };
        var error = Assert.Throws<DllNotFoundException>(() => locator.Load());
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("libonnxruntime-absent.so.9 not found", error.Message);
        Assert.Contains("MZB_ONNXRUNTIME", error.Message);
    }
}
