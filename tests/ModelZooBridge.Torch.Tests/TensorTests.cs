using ModelZooBridge.Arrays;
using ModelZooBridge.Torch;

namespace ModelZooBridge.Tests;

/// <summary>Tensor creation, read-back, ownership scopes and errors through the shim.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class TensorTests
{
    [Fact]
    public void FromArrayRoundTripsShapeTypeAndValues()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        using var t = Tensor.FromArray<float>(data, [2, 3]);
        Assert.Equal([2L, 3], t.Shape);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal("cpu", t.Device.ToString());
        Assert.Equal(data, t.ToArray<float>());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], t.ToArray<double>());
        using var labels = Tensor.FromArray<long>([0, 1, -100], [3]);
        Assert.Equal(DType.Int64, labels.DType);
        Assert.Equal([0L, 1, -100], labels.ToArray<long>());
    }

    [Fact]
    public void WrongElementCountIsRejectedWithBothNumbers()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromArray<float>([1, 2, 3], [2, 2]));
        Assert.Contains("holds 4 elements, data has 3", error.Message);
    }

    [Fact]
    public void ChannelMismatchComesBackAsTorchExceptionWithLibtorchsMessage()
    {
        using var x = Tensor.Zeros([1, 2, 5, 5]);
        using var w = Tensor.Zeros([3, 4, 3, 3]);
        var error = Assert.Throws<TorchException>(() => Functional.Convolution(x, w, null, [1, 1], [1, 1], [1, 1]));
        Assert.Contains("expected input[1, 2, 5, 5] to have 4 channels, but got 2 channels instead", error.Message);
        Assert.DoesNotContain("frame #", error.Message); // no C++ backtrace
        using var fine = Functional.Relu(x); // the shim still works afterwards
        Assert.Equal([1L, 2, 5, 5], fine.Shape);
    }

    [Fact]
    public void DisposeScopeFreesIntermediatesAndKeepsWhatMovesOut()
    {
        using var input = Tensor.Ones([4]);
        Tensor kept, dropped;
        using (var scope = TorchRuntime.NewScope())
        {
            dropped = input * 2.0;
            kept = scope.MoveToOuter(dropped + input);
            Assert.Equal(1, scope.Count); // "dropped" only
        }
        Assert.True(dropped.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal([3f, 3, 3, 3], kept.ToArray<float>());
        kept.Dispose();
        Assert.False(input.IsDisposed);
    }

    [Fact]
    public void ManualSeedMakesRandnRepeatableAndMatchesTorch()
    {
        TorchRuntime.ManualSeed(7);
        using var a = Tensor.Randn([5]);
        TorchRuntime.ManualSeed(7);
        using var b = Tensor.Randn([5]);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        var expected = PythonTorch.Run("torch.manual_seed(7)\nout = torch.randn(5)");
        Assert.Equal(expected, a.ToArray<float>().Select(v => (double)v));
    }

    [Fact]
    public void NoGradScopeStopsRecordingAndRestores()
    {
        Assert.True(TorchRuntime.IsGradEnabled);
        using var w = Tensor.Ones([3]);
        w.RequiresGrad = true;
        using (TorchRuntime.NoGrad())
        {
            Assert.False(TorchRuntime.IsGradEnabled);
            using var y = w * 2.0;
            Assert.False(y.RequiresGrad);
        }
        Assert.True(TorchRuntime.IsGradEnabled);
        using var z = w * 2.0;
        Assert.True(z.RequiresGrad);
    }

    [Fact]
    public void AMissingShimIsOneLineSayingHowToBuildIt()
    {
        var missing = Torch.Interop.TorchLibrary.Locator with { FileName = "libmzb_torch_absent.so", EnvironmentVariable = "MZB_TORCH_SHIM_UNSET_IN_TESTS" };
        var error = Assert.Throws<DllNotFoundException>(() => missing.Load());
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("libmzb_torch_absent.so not found: tried", error.Message);
        Assert.Contains("Build it with scripts/setup.sh", error.Message);
    }

    [Fact]
    public void VersionAndDeviceAreReported()
    {
        Assert.Matches(@"^\d+\.\d+", TorchRuntime.Version);
        Assert.True(TorchRuntime.CudaDeviceCount >= 0);
        Assert.Equal(TorchRuntime.CudaDeviceCount > 0 ? "cuda:0" : "cpu", TorchRuntime.DefaultDevice.ToString());
        Assert.Equal(1, TorchRuntime.NumThreads);
        Assert.EndsWith("libmzb_torch.so", Torch.Interop.TorchLibrary.Path);
    }
}
