using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class OrtRuntimeTests : OrtLeakCheck
{
    [Fact]
    public void ConfiguringAfterFirstUseThrows()
    {
        _ = OrtRuntime.Instance;
        Assert.True(OrtRuntime.IsInitialized);
        var error = Assert.Throws<InvalidOperationException>(() => OrtRuntime.Configure(new OrtRuntimeOptions()));
        Assert.Contains("before the first session", error.Message);
    }

    [Fact]
    public void SessionLogAtVerboseReachesSubscribers()
    {
        var messages = new List<(OrtLogLevel Level, string Text)>();
        void Handler(OrtLogLevel level, string text)
        {
            lock (messages)
                messages.Add((level, text));
        }

        OrtRuntime.Instance.MessageLogged += Handler;
        try
        {
            using var options = OrtTestFiles.SmallOptions();
            options.LogSeverityLevel = OrtLogLevel.Verbose;
            using var session = new InferenceSession(OrtTestFiles.Torch("conv2d.onnx"), options);
        }
        finally
        {
            OrtRuntime.Instance.MessageLogged -= Handler;
        }

        lock (messages)
        {
            Assert.Contains(messages, m => m.Level == OrtLogLevel.Verbose);
            Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.Text)));
        }
    }

    [Fact]
    public void SessionLogAtDefaultLevelStaysQuiet()
    {
        var count = 0;
        void Handler(OrtLogLevel level, string text) => Interlocked.Increment(ref count);
        OrtRuntime.Instance.MessageLogged += Handler;
        try
        {
            using var options = OrtTestFiles.SmallOptions();
            using var session = new InferenceSession(OrtTestFiles.Torch("conv2d.onnx"), options);
        }
        finally
        {
            OrtRuntime.Instance.MessageLogged -= Handler;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public void CompiledProvidersIncludeCpu()
    {
        Assert.Contains("CPUExecutionProvider", OrtRuntime.Instance.CompiledProviders());
    }

    [Fact]
    public void DefaultOptionsForwardWarningsAndAbove()
    {
        var options = new OrtRuntimeOptions();
        Assert.Equal(OrtLogLevel.Warning, options.MinimumLogLevel);
        Assert.NotNull(options.LogSink);
    }
}
