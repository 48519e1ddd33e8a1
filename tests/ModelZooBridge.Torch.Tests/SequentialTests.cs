using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Tests;

/// <summary>Sequential composes the layer modules, names them by index, and frees its intermediates.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class SequentialTests
{
    [Fact]
    public void LayersApplyInOrderUnderIndexNames()
    {
        TorchRuntime.ManualSeed(2);
        using var net = new Sequential(
            new Conv3d(1, 2, kernel: [1, 3, 3], padding: [0, 1, 1]), new BatchNorm3d(2), new LeakyReLU(0.1), new MaxPool3d([1, 2, 2]),
            new ConvTranspose3d(2, 1, kernel: [1, 2, 2], stride: [1, 2, 2]), new Upsample([1, 2, 2]), new Dropout(0.3));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"], net.NamedParameters().Select(p => p.Name));
        Assert.Equal(["1.running_mean", "1.running_var"], net.NamedBuffers().Select(b => b.Name));
        net.Eval();
        using var input = Tensor.Randn([1, 1, 2, 8, 8]);
        using var scope = TorchRuntime.NewScope();
        var output = net.Forward(input);
        Assert.Equal([1L, 1, 2, 16, 16], output.Shape);
        Assert.Equal(1, scope.Count); // intermediates were disposed inside Forward, only the output remains
        Assert.Equal(2 * 1 * 3 * 3 + 2 + 2 + 2 + 2 * 1 * 2 * 2 + 1, net.ParameterCount());
    }

    [Fact]
    public void TwoDimensionalLayersCheckTheirInputRank()
    {
        using var norm = new BatchNorm2d(3);
        using var volume = Tensor.Zeros([1, 3, 2, 4, 4]);
        Assert.Contains("BatchNorm2d expects a 4-D input (N, C, H, W), got 5-D", Assert.Throws<ArgumentException>(() => norm.Forward(volume)).Message);
        using var conv = new Conv2d(3, 4, 3, padding: 1);
        using var pool = new MaxPool2d(2);
        using var up = new ConvTranspose2d(4, 3, 2, stride: 2);
        using var image = Tensor.Zeros([2, 3, 8, 8]);
        using var scope = TorchRuntime.NewScope();
        Assert.Equal([2L, 3, 8, 8], up.Forward(pool.Forward(conv.Forward(image))).Shape);
    }
}
