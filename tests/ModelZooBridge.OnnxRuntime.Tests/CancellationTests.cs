using System.Diagnostics;
using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Tests;

[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class CancellationTests : OrtLeakCheck
{
    [Fact]
    public void TokenCancelledBeforeRunThrowsAndSessionStaysUsable()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.Torch("conv2d.onnx"));
        using var value = OrtValue.CreateTensor<float>(new float[2 * 8 * 8], [1, 2, 8, 8]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => session.Run(["input"], [value], ["output"], cts.Token));
        Assert.Equal(cts.Token, error.CancellationToken);
        // The cancellation went through ORT's terminate flag, not a managed pre-check.
        Assert.IsType<OrtException>(error.InnerException);

        using var outputs = session.Run(["input"], [value], ["output"]);
        Assert.Equal([1L, 3, 8, 8], outputs[0].Shape);
    }

    [Fact]
    public void TokenCancelledWhileRunningStopsTheRunBetweenOperators()
    {
        using var session = OrtTestFiles.OpenSession(OrtTestFiles.UNetModel);
        var name = session.InputMetadata[0].Name;
        var output = session.OutputMetadata[0].Name;
        // One 512x512 U-Net pass takes hundreds of milliseconds on one thread; a dedicated thread (not a thread-pool
        // timer, which a busy machine can starve until the run is over) cancels 30 ms into it. On a loaded machine
        // the run may still win the race, so up to five attempts are made; one must be cancelled.
        using var image = OrtValue.CreateTensor<float>(new float[512 * 512], [1, 1, 512, 512]);
        var clock = Stopwatch.StartNew();
        var cancelledAt = TimeSpan.Zero;
        var runStartedAt = TimeSpan.Zero;
        OperationCanceledException? error = null;
        for (int attempt = 0; attempt < 5 && error is null; attempt++)
        {
            using var cts = new CancellationTokenSource();
            cts.Token.Register(() => cancelledAt = clock.Elapsed);
            runStartedAt = clock.Elapsed;
            var canceller = new Thread(() => { Thread.Sleep(30); cts.Cancel(); });
            canceller.Start();
            try
            {
                using var completed = session.Run([name], [image], [output], cts.Token);
            }
            catch (OperationCanceledException cancelled)
            {
                error = cancelled;
            }
            canceller.Join();
        }

        Assert.NotNull(error);
        Assert.True(cancelledAt > runStartedAt);
        var ort = Assert.IsType<OrtException>(error.InnerException);
        Assert.Contains("terminate", ort.OrtMessage);
        using var outputs = session.Run([name], [image], [output]);
        Assert.Equal([1L, 1, 512, 512], outputs[0].Shape);
    }
}
