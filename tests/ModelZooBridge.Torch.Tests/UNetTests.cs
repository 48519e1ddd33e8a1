using ModelZooBridge.Onnx;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Tests;

/// <summary>The U-Net builders: parameter counts of the reference networks, state-dict names, modes, input checks.</summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class UNetTests
{
    [Fact]
    public void Reference2DUNetHasTheBaselineParameterCount()
    {
        using var net = UNet.Create2D(new UNetConfig(Depth: 3, FirstLevelFilters: 32));
        Assert.Equal(1_926_466, net.ParameterCount()); // baselines.md, 32-64-128-256
    }

    [Fact]
    public void Reference3DUNetHasTheBaselineParameterCount()
    {
        using var net = UNet.Create3D(new UNetConfig(Depth: 2, FirstLevelFilters: 16));
        Assert.Equal(339_586, net.ParameterCount()); // baselines.md, 16-32-64
    }

    [Fact]
    public void AnisotropicUNetConvolvesTheFirstLevelIn2D()
    {
        using var net = UNet.CreateAnisotropic3D(new UNetConfig(Depth: 2, FirstLevelFilters: 16));
        var shapes = net.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Shape);
        Assert.Equal([16L, 1, 1, 3, 3], shapes["encoder.0.conv1.weight"]);
        Assert.Equal([32L, 16, 3, 3, 3], shapes["encoder.1.conv1.weight"]);
        Assert.Equal([32L, 16, 1, 2, 2], shapes["up.1.weight"]);
        Assert.Equal([16L, 32, 1, 3, 3], shapes["decoder.1.conv1.weight"]);
        // 3D count minus 1x3x3 instead of 3x3x3 on level 0 (encoder and decoder) and a (1,2,2) instead of 2x2x2 up-convolution.
        Assert.Equal(339_586 - (16 * 18 + 16 * 16 * 18) - 32 * 16 * 4 - (32 * 16 * 18 + 16 * 16 * 18), net.ParameterCount());
    }

    [Fact]
    public void NamesFollowPyTorchsStateDictLayout()
    {
        using var net = UNet.Create2D(new UNetConfig(Depth: 1, FirstLevelFilters: 4));
        Assert.Equal(
            ["encoder.0.conv1.weight", "encoder.0.norm1.weight", "encoder.0.norm1.bias", "encoder.0.conv2.weight", "encoder.0.norm2.weight", "encoder.0.norm2.bias"],
            net.NamedParameters().Take(6).Select(p => p.Name));
        Assert.Contains("decoder.0.norm2.running_var", net.NamedBuffers().Select(b => b.Name));
        Assert.Equal(["encoder", "pool", "up", "decoder", "head"], net.NamedChildren().Select(c => c.Name));
        Assert.Equal("head.bias", net.NamedParameters().Last().Name);
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        using var net = UNet.Create2D(new UNetConfig(Depth: 1, FirstLevelFilters: 2));
        net.Eval();
        Assert.All(Descendants(net), m => Assert.False(m.IsTraining));
        net.Train();
        Assert.All(Descendants(net), m => Assert.True(m.IsTraining));
    }

    [Fact]
    public void WrongInputIsRejectedWithTheExpectedShape()
    {
        using var net = UNet.Create2D(new UNetConfig(Depth: 2, FirstLevelFilters: 2));
        using var wrongChannels = Tensor.Zeros([1, 3, 16, 16]);
        Assert.Contains("expects (N, 1, H, W), got (1, 3, 16, 16)", Assert.Throws<ArgumentException>(() => net.Forward(wrongChannels)).Message);
        using var wrongSize = Tensor.Zeros([1, 1, 18, 16]);
        Assert.Contains("18 on axis 2 is not divisible by the U-Net's pooling factor 4", Assert.Throws<ArgumentException>(() => net.Forward(wrongSize)).Message);
    }

    [Fact]
    public void RegistrationFailsLoudlyOnBadNames()
    {
        Assert.Contains("cannot contain '.'", Assert.Throws<ArgumentException>(() => new Registering("a.b")).Message);
        Assert.Contains("cannot be empty", Assert.Throws<ArgumentException>(() => new Registering("")).Message);
        Assert.Contains("'w' is already registered", Assert.Throws<InvalidOperationException>(() => new Registering("w", "w")).Message);
        Assert.Contains("parameter-less", Assert.Throws<InvalidOperationException>(() => new StatefulActivation()).Message);
    }

    [Fact]
    public void LoadStateDictNamesMissingKeysAndShapeMismatches()
    {
        using var net = UNet.Create2D(new UNetConfig(Depth: 1, FirstLevelFilters: 2));
        using var other = UNet.Create2D(new UNetConfig(Depth: 1, FirstLevelFilters: 4));
        var partial = net.StateDict().Where(e => e.Key != "head.bias").ToDictionary();
        Assert.Contains("missing [head.bias]", Assert.Throws<ArgumentException>(() => net.LoadStateDict(partial)).Message);
        Assert.Contains("encoder.0.conv1.weight: expected shape (2, 1, 3, 3), got (4, 1, 3, 3)",
            Assert.Throws<ArgumentException>(() => net.LoadStateDict(other.StateDict())).Message);
    }

    private static IEnumerable<Module> Descendants(Module module) => module.Children().SelectMany(c => Descendants(c).Prepend(c));

    private sealed class Registering : Module
    {
        public Registering(params string[] names)
        {
            foreach (var name in names) RegisterParameter(name, Tensor.Zeros([1]));
        }
    }

    private sealed class StatefulActivation : ParameterLessModule
    {
        public StatefulActivation() => RegisterBuffer("state", Tensor.Zeros([1]));

        public override Tensor Forward(Tensor input) => input.Clone();

        public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path) => input;
    }
}
