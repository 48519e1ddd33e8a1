using Google.Protobuf;
using ModelZooBridge.Onnx;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;
using Xunit.Abstractions;

namespace ModelZooBridge.Tests;

/// <summary>
/// The exported ONNX graph computes what libtorch computes: ONNX Runtime's output equals the evaluation forward pass
/// plus softmax (sigmoid for one class) within 1e-4, the initializers are the state dict by name, and onnx.checker
/// (full check) accepts the file.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Networks => [.. Cases.Keys];

    private static readonly Dictionary<string, (UNetKind Kind, UNetConfig Config, long[] TrainShape, long[] TestShape)> Cases = new()
    {
        ["2d-batchnorm"] = (UNetKind.TwoD, new UNetConfig(2, 4, Classes: 3), [2, 1, 16, 16], [1, 1, 24, 32]),
        ["3d-batchnorm"] = (UNetKind.ThreeD, new UNetConfig(1, 3), [2, 1, 8, 8, 8], [2, 1, 6, 8, 10]),
        ["anisotropic-batchnorm"] = (UNetKind.Anisotropic3D, new UNetConfig(2, 2), [2, 1, 4, 16, 16], [1, 1, 6, 16, 24]),
        ["2d-valid-instancenorm-sigmoid"] = (UNetKind.TwoD, new UNetConfig(1, 3, UNetPadding.Valid, UNetNormalization.Instance, Classes: 1, InputChannels: 2),
            [1, 2, 20, 20], [2, 2, 24, 28]),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeMatchesLibtorch(string network)
    {
        var (kind, config, trainShape, testShape) = Cases[network];
        using var net = TrainedUNets.Train(kind, config, trainShape, seed: 5);
        var model = OnnxExport.ToModel(net);
        var input = TrainedUNets.RandomImage(testShape, seed: 9);

        var expected = TrainedUNets.TorchProbabilities(net, input, testShape);
        var actual = TrainedUNets.OrtOutput(model.ToByteArray(), input, testShape);
        double difference = TrainedUNets.MaxAbsDifference(expected, actual);
        output.WriteLine($"{network}: max |ORT − libtorch| = {difference:G3} over {expected.Length} values");
        Assert.InRange(difference, 0, Tolerance);
    }

    [Theory]
    [InlineData(UpsampleMode.Nearest, false)]
    [InlineData(UpsampleMode.Linear, false)]
    [InlineData(UpsampleMode.Linear, true)]
    public void EveryLayerMatchesLibtorch(UpsampleMode mode, bool alignCorners)
    {
        TorchRuntime.ManualSeed(17);
        using var net = new Sequential(
            new Conv2d(2, 4, 3, padding: 1), new BatchNorm2d(4), new LeakyReLU(0.2), new Dropout(0.3),
            new Upsample([2, 2], mode, alignCorners), new MaxPool2d(2), new ConvTranspose2d(4, 3, 2, stride: 2),
            new InstanceNorm2d(3, affine: false), new ReLU(), new Conv2d(3, 3, 1));
        long[] shape = [2, 2, 6, 10];
        using (TorchRuntime.NewScope()) net.Forward(Tensor.Randn(shape) * 2.0); // training mode: BatchNorm's running statistics move
        net.Eval();
        var input = TrainedUNets.RandomImage(shape, seed: 2);
        float[] expected;
        using (TorchRuntime.NoGrad())
        using (TorchRuntime.NewScope())
            expected = Functional.Softmax(net.Forward(Tensor.FromArray<float>(input, shape)), 1).ToArray<float>();

        var actual = TrainedUNets.OrtOutput(OnnxExport.ToModel(net, spatialRank: 2, inputChannels: 2, classes: 3, preservesSpatialSize: false).ToByteArray(), input, shape);
        double difference = TrainedUNets.MaxAbsDifference(expected, actual);
        output.WriteLine($"{mode}{(alignCorners ? " align corners" : "")}: max |ORT − libtorch| = {difference:G3}");
        Assert.InRange(difference, 0, Tolerance);
    }

    [Fact]
    public void InitializersAreTheStateDictByName()
    {
        var (kind, config, trainShape, _) = Cases["2d-batchnorm"];
        using var net = TrainedUNets.Train(kind, config, trainShape, seed: 3);
        var initializers = OnnxInitializerReader.ReadFloat(new MemoryStream(OnnxExport.ToModel(net).ToByteArray()), "unet.onnx");
        var state = net.StateDict();
        Assert.Equal(state.Keys.Order(), initializers.Keys.Order());
        foreach (var (name, tensor) in state)
        {
            Assert.Equal(tensor.Shape, initializers[name].Shape);
            Assert.Equal(tensor.ToArray<float>(), initializers[name].Data);
        }
        Assert.NotEqual(new float[initializers["encoder.0.norm1.running_mean"].Data.Length], initializers["encoder.0.norm1.running_mean"].Data);
    }

    [Fact]
    public void OnnxCheckerAcceptsEveryArchitecture()
    {
        var folder = Directory.CreateTempSubdirectory("mzb-onnx-check-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, (kind, config, trainShape, _)) in Cases)
            {
                using var net = TrainedUNets.Train(kind, config, trainShape, seed: 1, steps: 1);
                var file = Path.Combine(folder, name + ".onnx");
                File.WriteAllBytes(file, OnnxExport.ToModel(net).ToByteArray());
                files.Add(file);
            }
            Assert.Equal("ok", PythonTorch.RunFile("onnx_check.py", [.. files]).Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
